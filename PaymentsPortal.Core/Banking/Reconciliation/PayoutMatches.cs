using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PaymentsPortal.Core.Access;
using PaymentsPortal.Core.Audit;
using PaymentsPortal.Core.Common;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payouts;
using PaymentsPortal.Core.Persistence;
using PaymentsPortal.Core.Tenancy;

namespace PaymentsPortal.Core.Banking.Reconciliation;

/// <summary>
/// An Admin (<see cref="Permission.BankingManage"/>) pairs a payout with a deposit by hand, for a near miss or an ambiguous group, or
/// undoes a pair. A manual pair may differ in amount, date or currency (that is why a person made it): the differences are written
/// into its audit entry. Either side already in a pair is refused; the database's keys refuse it too when two Admins race.
/// </summary>
public sealed class PayoutMatches(IServiceScopeFactory scopes, IAuditTrail trail, TimeProvider clock)
{
    public async Task<CommandResult> MatchAsync(UserAccess access, Guid payoutId, Guid bankTransactionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Fail("Your role cannot match payouts.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);
        var deposit = await db.BankTransactions.AsNoTracking().SingleOrDefaultAsync(t => t.Id == bankTransactionId, cancellationToken);
        if (payout is null || deposit is null)
        {
            return CommandResult.Fail("That payout or deposit no longer exists.");
        }

        if (payout.Status is PayoutStatus.Failed or PayoutStatus.Canceled)
        {
            return CommandResult.Fail($"The payout is {payout.Status.ToString().ToLowerInvariant()}: no money reached the bank, so there is no deposit to match.");
        }

        if (deposit.AmountMinor <= 0 || deposit.Pending || deposit.RemovedAt is not null)
        {
            return CommandResult.Fail("Only a posted deposit (money in) can be matched with a payout.");
        }

        if (await db.PayoutMatches.AnyAsync(m => m.PayoutId == payoutId || m.BankTransactionId == bankTransactionId, cancellationToken))
        {
            return CommandResult.Fail("The payout or the deposit is already matched. Unmatch it first.");
        }

        var reconcilablePayout = new ReconcilablePayout(
            payout.Id, payout.Gateway, payout.GatewayReference, payout.Amount, DateOnly.FromDateTime(payout.ArrivalDate.UtcDateTime), payout.Status);
        var reconcilableDeposit = new ReconcilableDeposit(deposit.Id, deposit.AccountId, "", deposit.Date, deposit.Amount, deposit.Description);
        db.PayoutMatches.Add(new PayoutMatch
        {
            MerchantId = merchant.MerchantId, PayoutId = payoutId, BankTransactionId = bankTransactionId, Kind = PayoutMatchKind.Manual,
            MatchedByUserId = by.UserId, MatchedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult.Fail("The payout or the deposit was matched by someone else a moment ago.");
        }

        await trail.AppendAsync(db, PayoutMatchAudit.Matched(
            merchant.MerchantId, reconcilablePayout, reconcilableDeposit, PayoutMatchKind.Manual, by.Actor, by.Origin,
            Differences(reconcilablePayout, reconcilableDeposit)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Ok;
    }

    public async Task<CommandResult> UnmatchAsync(UserAccess access, Guid payoutId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Current is not { } merchant || !access.Has(Permission.BankingManage))
        {
            return CommandResult.Fail("Your role cannot unmatch payouts.");
        }

        var by = access.AsActor();
        await using var scope = scopes.CreateForMerchant(merchant.MerchantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var match = await db.PayoutMatches
            .FromSql($"SELECT * FROM payout_matches WHERE merchant_id = {merchant.MerchantId} AND payout_id = {payoutId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (match is null)
        {
            return CommandResult.Fail("The payout is not matched.");
        }

        var payout = await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == payoutId, cancellationToken);
        var deposit = await db.BankTransactions.AsNoTracking().SingleAsync(t => t.Id == match.BankTransactionId, cancellationToken);
        db.PayoutMatches.Remove(match);
        await db.SaveChangesAsync(cancellationToken);
        await trail.AppendAsync(db, PayoutMatchAudit.Unmatched(
            merchant.MerchantId,
            new ReconcilablePayout(payout.Id, payout.Gateway, payout.GatewayReference, payout.Amount, DateOnly.FromDateTime(payout.ArrivalDate.UtcDateTime), payout.Status),
            new ReconcilableDeposit(deposit.Id, deposit.AccountId, "", deposit.Date, deposit.Amount, deposit.Description),
            match.Kind, by.Actor, by.Origin), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return CommandResult.Ok;
    }

    private static string? Differences(ReconcilablePayout payout, ReconcilableDeposit deposit)
    {
        var said = new List<string>();
        if (deposit.Amount.Currency != payout.Amount.Currency)
        {
            said.Add($"currency {deposit.Amount.Currency.Code} against {payout.Amount.Currency.Code}");
        }
        else if (deposit.Amount != payout.Amount)
        {
            said.Add($"amount {deposit.Amount} against {payout.Amount}");
        }

        var days = deposit.Date.DayNumber - payout.ArrivalDate.DayNumber;
        if (days != 0)
        {
            said.Add($"posted {Math.Abs(days)} day(s) {(days > 0 ? "after" : "before")} the expected arrival");
        }

        return said.Count == 0 ? null : string.Join("; ", said);
    }
}
