using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Infrastructure.Security;

/// <summary>A kind of record a route can name, and how to find the person it belongs to.</summary>
/// <param name="Noun">How a missing record is named in the 404 ("The assessment was not found.").</param>
/// <param name="PersonOf">The person the record belongs to, or null when there is no such record.</param>
public sealed record PersonRouteKind(string Noun, Func<PersonalBudgetsDbContext, Guid, CancellationToken, Task<Guid?>> PersonOf);

/// <summary>
/// The registry of route values that identify a person's record. A route value is named by the collection segment
/// before it, as our routes are written: <c>/People/{id}</c>, <c>/Assessments/{id}</c>, <c>/api/v1/plans/{id}</c>,
/// <c>/Plans/{planId}</c>, <c>/Budget/{budgetId}</c>, <c>/Items/{requestId}</c>. Every route parameter of every page
/// and endpoint must be either a kind here or listed in <see cref="NotAPerson"/> (a test enforces it), so a new kind
/// of id cannot slip past the person-access filter.
/// </summary>
public static class PersonRoutes
{
    private static readonly PersonRouteKind Person = new("The person",
        (db, id, ct) => db.People.Where(p => p.Id == id).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind Assessment = new("The assessment",
        (db, id, ct) => db.Assessments.Where(a => a.Id == id).Select(a => (Guid?)a.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind Plan = new("The support plan",
        (db, id, ct) => db.SupportPlans.Where(p => p.Id == id).Select(p => (Guid?)p.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind Review = new("The review",
        (db, id, ct) => db.Reviews.Where(r => r.Id == id).Select(r => (Guid?)r.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind ApprovalRequest = new("The approval request",
        (db, id, ct) => db.ApprovalRequests.Where(r => r.Id == id).Select(r => (Guid?)r.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind IndicativeBudget = new("The indicative budget",
        (db, id, ct) => db.IndicativeBudgets.Where(b => b.Id == id).Select(b => (Guid?)b.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind PersonalBudget = new("The personal budget",
        (db, id, ct) => db.PersonalBudgets.Where(b => b.Id == id).Select(b => (Guid?)b.PersonId).SingleOrDefaultAsync(ct));

    private static readonly PersonRouteKind Step = new("The step",
        (db, id, ct) => db.PathwaySteps.Where(s => s.Id == id).Select(s => (Guid?)s.PersonId).SingleOrDefaultAsync(ct));

    /// <summary>Collection segment (lower case, no hyphens) → the kind of record its id names.</summary>
    public static readonly IReadOnlyDictionary<string, PersonRouteKind> Kinds = new Dictionary<string, PersonRouteKind>
    {
        ["people"] = Person,
        ["assessments"] = Assessment,
        ["plans"] = Plan,
        ["reviews"] = Review,
        ["approvals"] = ApprovalRequest,
        ["items"] = ApprovalRequest,
        ["budget"] = IndicativeBudget,
        ["indicativebudgets"] = IndicativeBudget,
        ["personalbudgets"] = PersonalBudget,
        ["steps"] = Step,
    };

    /// <summary>
    /// Route values that name no person: records of the service itself (teams, accounts, the RAS, panel meetings), and
    /// parts of a record whose person the same route already names (a plan's element, a budget's challenge).
    /// </summary>
    public static readonly IReadOnlySet<string> NotAPerson = new HashSet<string>
    {
        "teams", "accounts", "ras", "questions", "answers", "panels", "openapi",
        "elements", "risks", "needs", "sections", "outcomes", "careroutcomes", "challenges",
        "returns",
        // The person's own area (ADR 0029): /my/plan/versions/{id} is looked up among the signed-in person's own plans only.
        "versions",
        // Issue 14: the charging policy is the service's own; a financial assessment's route names its person, and the
        // service loads the assessment only for that person.
        "charging", "finance", "financialassessments",
        // The April uprating's route names a charging policy version (finance team managers, council-wide); so does its API's.
        "uprating", "policies",
        // Issue 15 (ADR 0035): providers and their invoices are the service's own records (an invoice's lines name people,
        // and the service checks access to each); an account's, flag's or reclaim's route names its person first.
        "providers", "invoices", "dpaccounts", "flags", "reclaims", "monitoring",
        // Issue 15: a direct payment's route names its person, and the service loads it only for that person; payment
        // runs are the finance team's own, council-wide (ADR 0034).
        "directpayment", "directpayments", "runs", "paymentruns",
        // Issue 15 (ADR 0038): a commissioned service's page route names its person first, and the service loads the
        // service only for that person.
        "services",
        // Issue 15 (ADR 0040): a commissioned service's API route names its person first, and the service loads it only for that person.
        "commissionedservices",
    };

    /// <summary>A route parameter and the collection segment before it.</summary>
    public sealed record RouteParameter(string Name, string Collection)
    {
        public PersonRouteKind? Kind => Kinds.GetValueOrDefault(Collection);
    }

    public static IReadOnlyList<RouteParameter> ParametersOf(RoutePattern pattern)
    {
        var result = new List<RouteParameter>();
        string previous = "";
        foreach (var segment in pattern.PathSegments)
        {
            foreach (var parameter in segment.Parts.OfType<RoutePatternParameterPart>())
            {
                result.Add(new RouteParameter(parameter.Name, previous));
            }

            if (segment.Parts is [RoutePatternLiteralPart literal])
            {
                previous = literal.Content.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            }
        }

        return result;
    }
}
