namespace PaymentsPortal.Sandbox.Stripe;

// Disputes: a test card that disputes is charged normally and disputed right after capture, as in Stripe's test mode,
// and stays needs_response until a test decides it. Runs under the lock.
internal sealed partial class StripeSimulatorState
{
    /// <summary>Stripe's evidence deadline for a test-mode dispute is about a week out.</summary>
    private static readonly TimeSpan EvidenceWindow = TimeSpan.FromDays(7);

    private readonly Dictionary<string, StripeTimeline<SimulatedDispute>> disputes = new(StringComparer.Ordinal);

    public StripeReply GetDispute(string account, string id) =>
        Read(() => disputes.GetValueOrDefault(account)?.Find(id) is { } dispute ? StripeReply.Ok(DisputeJson(dispute)) : StripeReply.Missing("dispute", id, "dispute"));

    public StripeReply ListDisputes(string account, StripeParameters parameters)
    {
        if (!StripeListRequest.TryParse(parameters, out var request, out var invalid))
        {
            return invalid!;
        }

        var intentId = parameters["payment_intent"];
        var chargeId = parameters["charge"];
        return Read(() => request.Page(
            disputes.GetValueOrDefault(account),
            "dispute",
            dispute => (intentId is null || dispute.IntentId == intentId) && (chargeId is null || dispute.ChargeId == chargeId),
            DisputeJson,
            "/v1/disputes"));
    }

    /// <summary>Decides an open dispute (the card network's part) and emits charge.dispute.closed; false when there is no open one.</summary>
    public bool CloseDispute(string account, string id, bool won)
    {
        lock (gate)
        {
            if (disputes.GetValueOrDefault(account)?.Find(id) is not { Status: "needs_response" } dispute)
            {
                return false;
            }

            dispute.Status = won ? "won" : "lost";
            Emit(account, "charge.dispute.closed", DisputeJson(dispute));
            return true;
        }
    }

    /// <summary>The disputes on an attempt's charges (by attempt_id metadata), oldest first.</summary>
    public IReadOnlyList<StripeSimulatedDispute> DisputesFor(string attemptId)
    {
        lock (gate)
        {
            return disputes.Values.SelectMany(timeline => timeline.Items)
                .Where(dispute => charges[dispute.ChargeId].Metadata.TryGetValue("attempt_id", out var id) && id == attemptId)
                .OrderBy(dispute => dispute.Created).ThenBy(dispute => dispute.Sequence)
                .Select(dispute => new StripeSimulatedDispute(dispute.Id, dispute.ChargeId, dispute.IntentId, dispute.Amount, dispute.Currency, dispute.Status))
                .ToList();
        }
    }

    // Called once a charge is captured: the disputing test cards open their dispute then, for what was captured.
    private void DisputeIfTheCardDoes(SimulatedIntent intent, SimulatedCharge charge)
    {
        if (StripeTestCards.Find(charge.PaymentMethodId)?.DisputeReason is not { } reason || charge.DisputeId is not null)
        {
            return;
        }

        var created = time.GetUtcNow();
        var dispute = new SimulatedDispute
        {
            Id = NewId("dp"),
            ChargeId = charge.Id,
            IntentId = intent.Id,
            Amount = charge.AmountCaptured,
            Currency = charge.Currency,
            Reason = reason,
            Created = created.ToUnixTimeSeconds(),
            Sequence = NextSequence(),
            DueBy = (created + EvidenceWindow).ToUnixTimeSeconds(),
        };
        if (!disputes.TryGetValue(intent.Account, out var timeline))
        {
            disputes[intent.Account] = timeline = new StripeTimeline<SimulatedDispute>();
        }

        timeline.Add(dispute);
        charge.DisputeId = dispute.Id;
        Emit(intent.Account, "charge.dispute.created", DisputeJson(dispute));
    }

    private System.Text.Json.Nodes.JsonObject DisputeJson(SimulatedDispute dispute) =>
        StripeJson.Dispute(dispute, StripeTestCards.Find(charges[dispute.ChargeId].PaymentMethodId)?.Brand);
}
