using System.Globalization;
using System.Xml.Linq;

namespace PaymentsPortal.Sandbox.Braintree;

/// <summary>A dispute_* notification: the dispute as the XML API shows it, with the disputed transaction's legacy id and order id.</summary>
internal sealed record BraintreeDisputeNotice(string Kind, BraintreeSimulatedDispute Dispute) : BraintreeNotice(Kind)
{
    protected override XElement Subject() =>
        new("dispute",
            new XElement("id", Dispute.LegacyId),
            new XElement("amount", Dispute.Amount.ToMajorString()),
            new XElement("amount-disputed", Dispute.Amount.ToMajorString()),
            new XElement("currency-iso-code", Dispute.Amount.Currency.Code),
            Date("received-date", Dispute.ReceivedDate),
            Date("date-opened", Dispute.ReceivedDate),
            Date("reply-by-date", Dispute.ReplyByDate),
            new XElement("kind", "chargeback"),
            new XElement("status", Dispute.Status.ToLower(CultureInfo.InvariantCulture)),
            new XElement("reason", Dispute.Reason.ToLower(CultureInfo.InvariantCulture)),
            new XElement("transaction",
                new XElement("id", Dispute.TransactionLegacyId),
                new XElement("amount", Dispute.TransactionAmount.ToMajorString()),
                new XElement("order-id", Dispute.TransactionOrderId)));
}

/// <summary>A disbursement notification: a payout of settled transactions to the merchant's bank.</summary>
internal sealed record BraintreeDisbursementNotice(BraintreeSimulatedDisbursement Disbursement) : BraintreeNotice("disbursement")
{
    protected override XElement Subject() =>
        new("disbursement",
            new XElement("id", Disbursement.Id),
            new XElement("transaction-ids", new XAttribute("type", "array"), Disbursement.TransactionLegacyIds.Select(id => new XElement("item", id))),
            new XElement("success", new XAttribute("type", "boolean"), "true"),
            new XElement("retry", new XAttribute("type", "boolean"), "false"),
            new XElement("merchant-account",
                new XElement("id", Disbursement.MerchantAccountId),
                new XElement("currency-iso-code", Disbursement.Amount.Currency.Code),
                new XElement("sub-merchant-account", new XAttribute("type", "boolean"), "false"),
                new XElement("status", "active")),
            new XElement("amount", Disbursement.Amount.ToMajorString()),
            Date("disbursement-date", Disbursement.Date),
            Nil("exception-message"),
            Nil("follow-up-action"));
}
