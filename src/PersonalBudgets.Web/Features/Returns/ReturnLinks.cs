using PersonalBudgets.Core.Returns;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Features.Returns;

/// <summary>Typed links to the statutory returns pages, and to the page that fixes a data-quality problem.</summary>
public sealed class ReturnLinks(LinkGenerator links, PageLinks pages)
{
    public string Index() => Page("/Returns/Index", null);

    public string New() => Page("/Returns/New", null);

    public string Check(DateOnly periodEnd) => Page("/Returns/Check", new { PeriodEnd = periodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

    public string Ascof(DateOnly periodEnd) => Page("/Returns/Ascof", new { PeriodEnd = periodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

    public string Download(Guid id) => Page("/Returns/Download", new { id });

    public string Fix(CldIssue issue) => issue.Fix switch
    {
        CldFix.Eligibility => pages.AssessmentEligibility(issue.FixRecordId),
        CldFix.Assessment => pages.AssessmentOverview(issue.FixRecordId),
        CldFix.Reviews => pages.PersonReviews(issue.PersonId),
        CldFix.Pathway => pages.PersonPathway(issue.PersonId),
        _ => pages.PersonEdit(issue.PersonId),
    };

    private string Page(string page, object? values) =>
        links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No page {page}.");
}
