using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Approvals;

/// <summary>A costed element to arrange: dates are days from today.</summary>
public sealed record ElementSpec(string Description, decimal UnitCost, decimal UnitsPerWeek, Deployment Deployment, int StartInDays = 0, int? EndInDays = null,
    ServiceCategory Category = ServiceCategory.CommunityActivity, string Provider = "Northmoor Arts");

/// <summary>What was arranged: the plan, its approval request, and the pathway episode at approval.</summary>
public sealed record SubmittedPlan(Guid PersonId, Guid PlanId, Guid RequestId, Guid EpisodeId, ApprovalRoute Route, decimal WeeklyCost, DateOnly EarliestStart);

/// <summary>
/// Arranges submitted plans straight through the domain (written, costed, agreed and submitted, with an approval
/// request and the pathway at approval), so these tests do not depend on the support plan pages.
/// </summary>
public static class ApprovalArrange
{
    public const decimal TeamManagerLimit = 400m;

    public static DateOnly Today => PersonalBudgets.Core.Common.UkTime.DateOf(DateTimeOffset.UtcNow);

    public static readonly ElementSpec[] Mixed =
    [
        new("Personal assistant for going out", 15.50m, 6m, Deployment.DirectPayment, 7, Category: ServiceCategory.PersonalAssistant, Provider: "A personal assistant the person employs"),
        new("Weekly art group", 40m, 1m, Deployment.CouncilCommissioned, 7),
        new("Support at home", 22m, 3m, Deployment.IndividualServiceFund, 14, Category: ServiceCategory.HomeSupport, Provider: "Moorside Care"),
        new("Gym membership", 12.25m, 1m, Deployment.CouncilManaged, 7, Category: ServiceCategory.Wellbeing, Provider: "Northmoor Leisure"),
    ];

    public static async Task<(Guid Id, string Name, Core.Staff.Profession Profession)> UserAsync(PersonalBudgetsDbContext db, string email) =>
        await db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<Guid, string, Core.Staff.Profession>(u.Id, u.DisplayName, u.Profession)).SingleAsync();

    /// <summary>
    /// A plan written by <paramref name="authorEmail"/> and submitted by <paramref name="submitterEmail"/> (the
    /// author by default), routed by the delegated limits unless <paramref name="route"/> is given.
    /// </summary>
    public static Task<SubmittedPlan> SubmittedPlanAsync(this AppFixture app, DatabaseProvider provider, Guid personId, IReadOnlyList<ElementSpec>? elements = null,
        string authorEmail = DemoAccounts.NorthNurse, string? submitterEmail = null, decimal contribution = 0m, decimal nhsShare = 0m, bool significantRisk = false,
        ApprovalRoute? route = null, bool section117 = false, decimal? indicativeWeekly = null, string? varianceReason = null, DateOnly? due = null,
        Guid? indicativeBudgetId = null) => app.QueryAsync(provider, async db =>
    {
        var author = await UserAsync(db, authorEmail);
        var submitter = await UserAsync(db, submitterEmail ?? authorEmail);
        var by = new Actor(author.Id, author.Name);
        var now = DateTimeOffset.UtcNow;
        var today = Today;

        var episode = PathwayEpisode.Open(personId, today.AddDays(-60), null, by, now, PathwayStage.NeedsAssessment);
        foreach (var stage in new[] { PathwayStage.Eligibility, PathwayStage.IndicativeBudget, PathwayStage.SupportPlanning, PathwayStage.Approval })
        {
            episode.MoveTo(stage, by, now);
        }

        var plan = SupportPlan.Start(personId, episode.Id, indicativeBudgetId, indicativeWeekly, by, now);
        foreach (var section in Enum.GetValues<PlanSection>())
        {
            plan.SetSection(section, $"{section.Label()}, in my words", PlanContributor.Person, plan.Revision, by, now);
        }

        plan.SetOutcomes(["To get out of the house twice a week", "To start painting again"], PlanContributor.Person, plan.Revision, by, now);
        plan.SetNeed(SpecifiedOutcome.WorkTrainingEducationVolunteering, "Support to go to the art group", PlanContributor.Practitioner, plan.Revision, by, now);
        foreach (var e in elements ?? Mixed)
        {
            plan.SaveElement(PlanElement.Create(null, e.Description, e.Category, e.Provider, e.UnitCost, UnitType.Hour, e.UnitsPerWeek,
                today.AddDays(e.StartInDays), e.EndInDays is { } end ? today.AddDays(end) : null, e.Deployment, null), plan.Revision, by, now);
        }

        plan.SaveRisk(PlanRisk.Create(null, "Going out alone at night", RiskLevel.Medium, true, "A phone call home after the group", "The person and their personal assistant"), plan.Revision, by, now);
        plan.SetFunding(contribution, nhsShare, varianceReason, significantRisk, section117, plan.Revision, by, now);
        plan.RecordAgreement(PlanAgreement.AgreedWithReservations, "I want to try it, but I worry about the cost", new PersonsPart(Participation.InPerson, null), [], plan.Revision, by, now);
        plan.Submit([], 10, section117, plan.Revision, new Actor(submitter.Id, submitter.Name), now);

        var chosen = route ?? DelegatedLimits.RouteFor(plan.WeeklyCost, significantRisk, TeamManagerLimit);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, personId, plan.AuthorId, chosen, plan.WeeklyCost, due ?? DueDates.AddWorkingDays(today, 10),
            new Actor(submitter.Id, submitter.Name), now);
        var step = PathwayStep.Open(episode, PathwayStage.Approval, new StaffRef(submitter.Id, submitter.Name, submitter.Profession), request.DueDate, request.Id, by, now);
        db.PathwayEpisodes.Add(episode);
        db.SupportPlans.Add(plan);
        db.ApprovalRequests.Add(request);
        db.PathwaySteps.Add(step);
        await db.SaveChangesAsync();
        return new SubmittedPlan(personId, plan.Id, request.Id, episode.Id, chosen, plan.WeeklyCost, plan.Elements.Min(x => x.StartDate));
    });

    /// <summary>
    /// Revises an approved plan after a review: a new version with new elements, agreed and submitted, with its own
    /// request, and the pathway moved on from budget in place (through review and support planning) to approval.
    /// </summary>
    public static Task<SubmittedPlan> RevisedPlanAsync(this AppFixture app, DatabaseProvider provider, SubmittedPlan previous, IReadOnlyList<ElementSpec> elements) => app.QueryAsync(provider, async db =>
    {
        var author = await UserAsync(db, DemoAccounts.NorthNurse);
        var by = new Actor(author.Id, author.Name);
        var now = DateTimeOffset.UtcNow;
        var today = Today;
        var old = await db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == previous.PlanId);
        var plan = old.NewVersion("The review found the person needs more support at home", previous.EpisodeId, by, now);
        foreach (var e in plan.Elements.ToList())
        {
            plan.RemoveElement(e.Id, plan.Revision, by, now);
        }

        foreach (var e in elements)
        {
            plan.SaveElement(PlanElement.Create(null, e.Description, e.Category, e.Provider, e.UnitCost, UnitType.Hour, e.UnitsPerWeek,
                today.AddDays(e.StartInDays), e.EndInDays is { } end ? today.AddDays(end) : null, e.Deployment, null), plan.Revision, by, now);
        }

        plan.RecordAgreement(PlanAgreement.Agreed, null, new PersonsPart(Participation.PhoneOrVideo, null), [], plan.Revision, by, now);
        plan.Submit([], 10, false, plan.Revision, by, now);

        var episode = await db.PathwayEpisodes.SingleAsync(e => e.Id == previous.EpisodeId);
        foreach (var open in await db.PathwaySteps.Where(s => s.EpisodeId == episode.Id && s.CompletedAt == null).ToListAsync())
        {
            open.Complete(new PersonsPart(Participation.InPerson, null), null, by, now);
        }

        foreach (var stage in new[] { PathwayStage.Review, PathwayStage.SupportPlanning, PathwayStage.Approval })
        {
            episode.MoveTo(stage, by, now);
        }

        var request = ApprovalRequest.Create(plan.Id, plan.Number, plan.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, false, TeamManagerLimit),
            plan.WeeklyCost, DueDates.AddWorkingDays(today, 10), by, now);
        db.SupportPlans.Add(plan);
        db.ApprovalRequests.Add(request);
        db.PathwaySteps.Add(PathwayStep.Open(episode, PathwayStage.Approval, new StaffRef(author.Id, author.Name, author.Profession), request.DueDate, request.Id, by, now));
        await db.SaveChangesAsync();
        return new SubmittedPlan(plan.PersonId, plan.Id, request.Id, episode.Id, request.Route, plan.WeeklyCost, plan.Elements.Min(x => x.StartDate));
    });

    /// <summary>Makes the person entitled to section 117 aftercare from a year ago.</summary>
    public static Task Section117Async(this AppFixture app, DatabaseProvider provider, Guid personId) => app.QueryAsync(provider, async db =>
    {
        var person = await db.People.SingleAsync(p => p.Id == personId);
        var admin = await UserAsync(db, DemoAccounts.NorthManager);
        person.Update(person.ToDetails() with { Section117Eligible = true, Section117StartDate = Today.AddYears(-1), Section117EndDate = null },
            person.Version, new Actor(admin.Id, admin.Name), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return true;
    });

    public static Task<ApprovalRequest> RequestAsync(this AppFixture app, DatabaseProvider provider, Guid requestId) =>
        app.QueryAsync(provider, db => db.ApprovalRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));

    public static Task<SupportPlan> PlanAsync(this AppFixture app, DatabaseProvider provider, Guid planId) =>
        app.QueryAsync(provider, db => db.SupportPlans.AsNoTracking().SingleAsync(p => p.Id == planId));

    /// <summary>The episode's stage and its open step.</summary>
    public static Task<(PathwayStage Stage, PathwayStep? Open)> PathwayAsync(this AppFixture app, DatabaseProvider provider, Guid episodeId) => app.QueryAsync(provider, async db =>
    {
        var episode = await db.PathwayEpisodes.AsNoTracking().SingleAsync(e => e.Id == episodeId);
        var steps = await db.PathwaySteps.AsNoTracking().Where(s => s.EpisodeId == episodeId && s.CompletedAt == null).ToListAsync();
        return (episode.Stage, steps.SingleOrDefault());
    });
}
