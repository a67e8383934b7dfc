using System.Globalization;
using PaymentsPortal.Benchmarks.Payments;
using PaymentsPortal.Core.Payments;
using PaymentsPortal.Core.Payments.Dashboard;
using PaymentsPortal.Core.Payments.Search;

namespace PaymentsPortal.Benchmarks.Workspace;

/// <summary>
/// The queries timed, in the order of the report: the baseline, the list's pages at the top and 90% deep (with no filter, with
/// each kind of filter, and in the amount order), the OFFSET page for reference, and the dashboard's KPI panel. List and panel go
/// through the real <see cref="PaymentSearch"/> and <see cref="DashboardQueries"/>.
/// </summary>
internal static class WorkspaceProbes
{
    /// <summary>Succeeded payments in USD between $10.00 and $100.00: a filter that keeps about one payment in four.</summary>
    public static readonly PaymentFilter SucceededInRange = new(Statuses: [PaymentStatus.Succeeded], Currency: "USD", MinimumAmount: 1_000, MaximumAmount: 10_000);

    public static IReadOnlyList<QueryProbe> Build(IServiceProvider services, string appConnectionString, WorkspaceSubject subject, int pageSize)
    {
        var search = services.GetRequiredService<PaymentSearch>();
        var dashboard = services.GetRequiredService<DashboardQueries>();
        var baselines = new BaselineQueries(appConnectionString, subject);
        var deep = string.Create(CultureInfo.InvariantCulture, $"from 90% deep (after {subject.DeepOffset:N0} rows)");

        QueryProbe Page(string name, PaymentFilter filter, PaymentSort sort, PaymentCursor? after) =>
            new(name, ProbeTarget.ListPage, "row", async ct => (await search.PageAsync(subject.Merchant, filter, sort, pageSize, after, cancellationToken: ct)).Rows.Count);

        // A filtered deep page starts from the same cursor as the unfiltered one: a user who paged 90% of the way down and then
        // narrowed the list, so the scan starts where the cursor is and reads on until a page of matches is found.
        void FirstAndDeep(List<QueryProbe> into, string what, PaymentFilter filter)
        {
            into.Add(Page($"newest first, {what}, first page", filter, PaymentSort.NewestFirst, null));
            into.Add(Page($"newest first, {what}, page {deep}", filter, PaymentSort.NewestFirst, subject.DeepNewest));
        }

        var probes = new List<QueryProbe>
        {
            new("primary-key lookup of one payment (the baseline)", ProbeTarget.None, "row", baselines.PrimaryKeyLookupAsync),
        };
        FirstAndDeep(probes, "no filter", PaymentFilter.None);
        probes.Add(new(string.Create(CultureInfo.InvariantCulture, $"newest first, no filter, the same page by OFFSET {subject.DeepOffset:N0} (for reference)"), ProbeTarget.None, "row",
            ct => baselines.OffsetPageAsync(pageSize, ct)));
        FirstAndDeep(probes, "Succeeded, USD 10.00–100.00", SucceededInRange);
        FirstAndDeep(probes, string.Create(CultureInfo.InvariantCulture, $"customer email ({ReportFormat.Counted(subject.CustomerPayments, "payment")})"),
            new PaymentFilter(CustomerEmail: subject.CustomerEmail));
        FirstAndDeep(probes, string.Create(CultureInfo.InvariantCulture, $"text \"{WorkspaceSubject.Word}\" ({ReportFormat.Counted(subject.WordMatches, "description")})"),
            new PaymentFilter(Text: WorkspaceSubject.Word));
        probes.Add(Page(string.Create(CultureInfo.InvariantCulture, $"newest first, text \"{subject.OrderNumber}\" ({ReportFormat.Counted(subject.OrderMatches, "description")}), first page"),
            new PaymentFilter(Text: subject.OrderNumber), PaymentSort.NewestFirst, null));
        probes.Add(Page("largest first, no filter, first page", PaymentFilter.None, PaymentSort.LargestFirst, null));
        probes.Add(Page($"largest first, no filter, page {deep}", PaymentFilter.None, PaymentSort.LargestFirst, subject.DeepLargest));

        foreach (var days in new[] { 30, 365 })
        {
            probes.Add(new(string.Create(CultureInfo.InvariantCulture, $"KPI panel: StatsAsync, last {days} days"), ProbeTarget.KpiPanel, "payment",
                async ct => (await dashboard.StatsAsync(subject.Merchant, subject.To.AddDays(-days), subject.To, ct)).Payments));
        }

        probes.Add(new("KPI panel: NeedsAttentionAsync", ProbeTarget.KpiPanel, "open item", async ct =>
        {
            var attention = await dashboard.NeedsAttentionAsync(subject.Merchant, ct);
            return attention.PaymentsReconciling + attention.PaymentsInReview + attention.RefundsAwaitingApproval + attention.RefundsReconciling;
        }));
        return probes;
    }
}
