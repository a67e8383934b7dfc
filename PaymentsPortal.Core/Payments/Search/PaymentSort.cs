namespace PaymentsPortal.Core.Payments.Search;

/// <summary>The orders the payments list can be read in; each is a keyset on (key, id), so paging never skips or repeats a row.</summary>
public enum PaymentSort
{
    NewestFirst = 0,
    OldestFirst = 1,
    LargestFirst = 2,
    SmallestFirst = 3,
}
