namespace PaymentsPortal.Core.Banking.Transactions;

public enum BankSyncOutcome
{
    Synced = 1,

    /// <summary>Another run stored a newer cursor first; what this run read is left to it.</summary>
    Superseded = 2,

    /// <summary>Plaid could not be read (or the link needs attention); the cursor stays, so the next run reads the same changes.</summary>
    Failed = 3,
}

/// <param name="Skipped">Lines Plaid sent that could not be stored (an amount in a currency the portal does not know).</param>
public sealed record BankSyncResult(Guid LinkId, BankSyncOutcome Outcome, int Added = 0, int Modified = 0, int Removed = 0, int Skipped = 0, string? Error = null);
