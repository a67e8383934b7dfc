using PaymentsPortal.Core.Common;

namespace PaymentsPortal.Core.Banking.Transactions;

/// <summary>"Plaid said a link has news", from the committed SYNC_UPDATES_AVAILABLE webhook to this instance's <see cref="BankSyncDrain"/>.</summary>
public sealed class BankSyncSignal : WakeSignal;
