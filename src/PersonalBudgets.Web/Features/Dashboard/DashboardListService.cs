using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reporting;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Data.Reporting;
using PersonalBudgets.Web.Infrastructure.Auditing;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>One person behind a figure: by name for a team manager, by pseudonym for analysts (ADR 0027).</summary>
public sealed record ListedPerson(Guid? Id, string Name, string? Identifier, string AgeBand, string Gender, string Ethnicity);

/// <summary>One step behind a figure, with its person.</summary>
public sealed record ListedStep(ListedPerson Person, string Stage, string Owner, DateOnly DueDate, DateTimeOffset? CompletedAt, string? Participation);

/// <summary>The people or steps behind one figure of the dashboard, a page at a time.</summary>
public sealed record DashboardList(string Title, bool Pseudonymised, int Total, int Page, int TotalPages, IReadOnlyList<ListedPerson> People, IReadOnlyList<ListedStep>? Steps)
{
    public bool IsSteps => Steps is not null;

    /// <summary>The list as a table for its downloads.</summary>
    public ReportTable AsTable() => IsSteps
        ? new ReportTable("list", Title, Pseudonymised ? "Pseudonymised: no name, NHS number or date of birth." : "People and steps behind the figure.",
            ["Identifier", "Age band", "Gender", "Ethnicity", "Step", "Owner", "Due", "Completed", "How the person took part"],
            Steps!.Select(s => new ReportRow(s.Person.Name,
            [
                Cell.Words(s.Person.Identifier), Cell.Words(s.Person.AgeBand), Cell.Words(s.Person.Gender), Cell.Words(s.Person.Ethnicity), Cell.Words(s.Stage), Cell.Words(s.Owner),
                Cell.Words(s.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                Cell.Words(s.CompletedAt is { } c ? UkTime.DateOf(c).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null), Cell.Words(s.Participation),
            ])).ToList(), ChartColumn: null)
        : new ReportTable("list", Title, Pseudonymised ? "Pseudonymised: no name, NHS number or date of birth." : "People behind the figure.",
            ["Identifier", "Age band", "Gender", "Ethnicity"],
            People.Select(p => new ReportRow(p.Name, [Cell.Words(p.Identifier), Cell.Words(p.AgeBand), Cell.Words(p.Gender), Cell.Words(p.Ethnicity)])).ToList(), ChartColumn: null);
}

/// <summary>
/// The lists behind the dashboard's figures: the same queries as the figures (<see cref="DashboardService"/>), so the
/// list has exactly the people counted, within the viewer's scope; every view and download is audited.
/// </summary>
public sealed class DashboardListService(PersonalBudgetsDbContext db, DashboardService dashboard, AuditLog audit, Pseudonyms pseudonyms)
{
    public const string RecordType = "DashboardList";
    public const int PageSize = 50;

    /// <summary>The figures that have a list, for the page's route: people or steps.</summary>
    public static readonly IReadOnlySet<string> Figures = new HashSet<string>(StringComparer.Ordinal)
    {
        "funnel", "offered", "no-offer", "offered-by-profession", "not-offered", "deployment", "time-eligibility", "time-budget",
        "plans-own-words", "reviews-done", "outcomes", "steps-owned", "steps-unowned", "steps-overdue", "steps-owned-by",
        "reviews-overdue", "steps-took-part", "steps-participation", "reallocated", FinanceSection.CompletedFigure, FinanceSection.PayingFigure,
        DirectPaymentSection.UptakeFigure, DirectPaymentSection.FirstPaidFigure, DirectPaymentSection.FlagsFigure, DirectPaymentSection.ReclaimsFigure,
    };

    /// <summary>Reads a figure and its argument; an unknown one is an error naming the field.</summary>
    public static (string Figure, string? Argument) Parse(string? figure, string? argument, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (figure is null || !Figures.Contains(figure))
        {
            errors.Add(new FieldError("figure", "Choose a figure on the dashboard to see the people behind it"));
            return ("funnel", null);
        }

        var ok = figure switch
        {
            "funnel" => Enum.TryParse<FunnelStep>(argument, out var s) && Enum.IsDefined(s),
            "offered-by-profession" or "steps-owned-by" => Enum.TryParse<Profession>(argument, out var p) && Enum.IsDefined(p),
            "not-offered" => Enum.TryParse<NotOfferedReason>(argument, out var r) && Enum.IsDefined(r),
            "deployment" => Enum.TryParse<Deployment>(argument, out var d) && Enum.IsDefined(d),
            "outcomes" => Enum.TryParse<OutcomeAchieved>(argument, out var o) && Enum.IsDefined(o),
            "steps-participation" => Enum.TryParse<Participation>(argument, out var x) && Enum.IsDefined(x),
            _ => DirectPaymentSection.ArgumentOk(figure, argument),
        };
        if (!ok || (argument is { } a && int.TryParse(a, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            errors.Add(new FieldError("of", "Choose a figure on the dashboard to see the people behind it"));
        }

        return (figure, argument);
    }

    public async Task<DashboardList> ListAsync(string figure, string? argument, DashboardFilter filter, DashboardScope scope, int page, bool all, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        var title = Title(figure, argument, filter);
        var size = all ? Paging.MaxPageSize * 10 : PageSize;
        DashboardList list;
        if (Steps(figure, argument, filter, scope) is { } steps)
        {
            var total = await steps.CountAsync(ct);
            var rows = await steps.OrderBy(s => s.DueDate).ThenBy(s => s.Id).Skip(all ? 0 : Paging.Offset(page, size)).Take(size)
                .Join(db.People, s => s.PersonId, p => p.Id, (s, p) => new
                {
                    s.Stage, s.OwnerName, s.OwnerProfession, s.DueDate, s.CompletedAt, s.Participation,
                    Person = new PersonRow(p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.PersonIdentifier, p.DateOfBirth, p.Gender, p.Ethnicity),
                }).ToListAsync(ct);
            var listed = rows.Select(r => new ListedStep(Show(r.Person, scope, filter.To), r.Stage.WorkLabel(),
                r.OwnerName is null ? "Nobody yet" : scope.Pseudonymised ? r.OwnerProfession?.Label() ?? "" : $"{r.OwnerName} ({r.OwnerProfession?.Label()})",
                r.DueDate, r.CompletedAt, r.Participation?.Label())).ToList();
            list = new DashboardList(title, scope.Pseudonymised, total, page, Pages(total, size), [], listed);
        }
        else
        {
            var ids = People(figure, argument, filter, scope).Distinct();
            var people = db.People.AsNoTracking().Where(p => ids.Contains(p.Id));
            var total = await people.CountAsync(ct);
            var ordered = scope.Pseudonymised ? people.OrderBy(p => p.Id) : people.OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ThenBy(p => p.Id);
            var rows = await ordered.Skip(all ? 0 : Paging.Offset(page, size)).Take(size)
                .Select(p => new PersonRow(p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.PersonIdentifier, p.DateOfBirth, p.Gender, p.Ethnicity)).ToListAsync(ct);
            list = new DashboardList(title, scope.Pseudonymised, total, page, Pages(total, size), rows.Select(r => Show(r, scope, filter.To)).ToList(), null);
        }

        // No personal data in the entry: which list, how many, which page.
        await audit.RecordAsync(AuditAction.Viewed, RecordType, null,
            summary: $"{(all ? "Downloaded" : "Viewed")} the dashboard's list \"{title}\" ({list.Total} {(list.IsSteps ? "steps" : "people")}{(all ? "" : $", page {page}")}{(scope.Pseudonymised ? ", pseudonymised" : "")})",
            cancellationToken: ct);
        return list;
    }

    private sealed record PersonRow(Guid Id, string First, string Last, string? Preferred, string Identifier, DateOnly DateOfBirth, Gender Gender, Ethnicity Ethnicity);

    private ListedPerson Show(PersonRow p, DashboardScope scope, DateOnly on) => scope.Pseudonymised
        ? new ListedPerson(null, pseudonyms.Of(p.Id), null, AgeBands.BandOf(p.DateOfBirth, on).Label(), p.Gender.Label(), p.Ethnicity.Label())
        : new ListedPerson(p.Id, $"{p.First} {p.Last}", p.Identifier, AgeBands.BandOf(p.DateOfBirth, on).Label(), p.Gender.Label(), p.Ethnicity.Label());

    private static int Pages(int total, int size) => Math.Max(1, (total + size - 1) / size);

    private IQueryable<PathwayStep>? Steps(string figure, string? argument, DashboardFilter filter, DashboardScope scope)
    {
        var today = dashboard.Today;
        var open = dashboard.OpenSteps(filter, scope);
        return figure switch
        {
            "steps-owned" => open.Where(s => s.OwnerId != null),
            "steps-unowned" => open.Where(s => s.OwnerId == null),
            "steps-overdue" => open.Where(s => s.DueDate < today),
            "steps-owned-by" => open.Where(s => s.OwnerProfession == Enum.Parse<Profession>(argument!)),
            "reviews-overdue" => dashboard.OpenSteps(filter with { Profession = null }, scope)
                .Where(s => (s.Stage == PathwayStage.BudgetInPlace || s.Stage == PathwayStage.Review) && s.DueDate < today),
            "steps-took-part" => dashboard.CompletedSteps(filter, scope).Where(s => s.Participation == Participation.InPerson || s.Participation == Participation.PhoneOrVideo
                || s.Participation == Participation.InWriting || s.Participation == Participation.ThroughAdvocate),
            "steps-participation" => dashboard.CompletedSteps(filter, scope).Where(s => s.Participation == Enum.Parse<Participation>(argument!)),
            "reallocated" => StepsReallocated(filter, scope),
            _ => null,
        };
    }

    private IQueryable<PathwayStep> StepsReallocated(DashboardFilter filter, DashboardScope scope)
    {
        var changes = dashboard.Reallocations(filter, scope).Select(c => c.StepId);
        return db.PathwaySteps.AsNoTracking().Where(s => changes.Contains(s.Id));
    }

    private IQueryable<Guid> People(string figure, string? argument, DashboardFilter filter, DashboardScope scope)
    {
        foreach (var source in dashboard.ListSources())
        {
            if (source.People(figure, argument, filter, scope) is { } people)
            {
                return people;
            }
        }

        switch (figure)
        {
            case "funnel":
                var cohort = dashboard.Referred(filter, scope);
                var reached = dashboard.Reached(Enum.Parse<FunnelStep>(argument!), filter);
                return reached is null ? cohort.Select(p => p.Id) : cohort.Where(p => reached.Contains(p.Id)).Select(p => p.Id);
            case "offered":
                return dashboard.OffersOfEligible(filter, scope).Where(o => o.Offered).Select(o => o.PersonId);
            case "no-offer":
                var withRecord = dashboard.OffersOfEligible(filter, scope).Select(o => o.PersonId);
                return dashboard.EligibleInPeriod(filter, scope).Where(id => !withRecord.Contains(id));
            case "offered-by-profession":
                var profession = Enum.Parse<Profession>(argument!);
                return dashboard.OffersOfEligible(filter, scope).Where(o => o.Offered && o.RecordedByProfession == profession).Select(o => o.PersonId);
            case "not-offered":
                var reason = Enum.Parse<NotOfferedReason>(argument!);
                return dashboard.NotOffered(filter, scope).Where(o => o.NotOfferedReason == reason).Select(o => o.PersonId);
            case "deployment":
                var inPlace = dashboard.InPlace(filter, scope);
                return (Enum.Parse<Deployment>(argument!) switch
                {
                    Deployment.DirectPayment => inPlace.Where(b => b.DirectPaymentWeekly > 0),
                    Deployment.CouncilManaged => inPlace.Where(b => b.CouncilManagedWeekly > 0),
                    Deployment.IndividualServiceFund => inPlace.Where(b => b.IndividualServiceFundWeekly > 0),
                    _ => inPlace.Where(b => b.CouncilCommissionedWeekly > 0),
                }).Select(b => b.PersonId);
            case "time-eligibility":
                return dashboard.EligibleInPeriod(filter, scope);
            case "time-budget":
                return dashboard.FirstBudgetsInPeriod(filter, scope).Select(b => b.PersonId);
            case "plans-own-words":
                return dashboard.PlansSubmittedInPeriod(filter, scope).Where(p => p.AgreementInOwnWords != null).Select(p => p.PersonId);
            case "reviews-done":
                return dashboard.ReviewsCompletedInPeriod(filter, scope).Select(r => r.PersonId);
            case "outcomes":
                var achieved = Enum.Parse<OutcomeAchieved>(argument!);
                return dashboard.ReviewsCompletedInPeriod(filter, scope).Where(r => r.Outcomes.Any(o => o.Achieved == achieved)).Select(r => r.PersonId);
            default:
                throw new ArgumentOutOfRangeException(nameof(figure));
        }
    }

    private string Title(string figure, string? argument, DashboardFilter filter)
    {
        var period = $"{UkFormat.Date(filter.From)} to {UkFormat.Date(filter.To)}";
        if (dashboard.ListSources().Select(s => s.Title(figure, argument, filter)).FirstOrDefault(t => t is not null) is { } title)
        {
            return title;
        }

        return figure switch
        {
            "funnel" => $"Referred {period}: {Enum.Parse<FunnelStep>(argument!).Label().ToLowerInvariant()}",
            "offered" => $"Eligible people offered a personal budget ({period})",
            "no-offer" => $"Eligible people with no offer recorded ({period})",
            "offered-by-profession" => $"Eligible people offered a personal budget by a {Enum.Parse<Profession>(argument!).Label().ToLowerInvariant()} ({period})",
            "not-offered" => $"Not offered a personal budget: {Enum.Parse<NotOfferedReason>(argument!).Label()} ({period})",
            "deployment" => $"Budgets in place on {UkFormat.Date(filter.To)} paid in part by {Enum.Parse<Deployment>(argument!).Label().ToLowerInvariant()}",
            "time-eligibility" => $"Found eligible {period}",
            "time-budget" => $"First personal budget in place {period}",
            "plans-own-words" => $"Plans with the person's agreement in their own words ({period})",
            "reviews-done" => $"Reviews completed {period}",
            "outcomes" => $"Reviews with an outcome {Enum.Parse<OutcomeAchieved>(argument!).Label().ToLowerInvariant()} ({period})",
            "steps-owned" => "Open steps with a named owner",
            "steps-unowned" => "Open steps with no owner",
            "steps-overdue" => "Open steps overdue now",
            "steps-owned-by" => $"Open steps owned by a {Enum.Parse<Profession>(argument!).Label().ToLowerInvariant()}",
            "reviews-overdue" => "Reviews overdue now",
            "steps-took-part" => $"Steps completed {period} in which the person took part",
            "steps-participation" => $"Steps completed {period}: {Enum.Parse<Participation>(argument!).Label()}",
            "reallocated" => $"Steps reallocated {period}",
            _ => figure,
        };
    }
}
