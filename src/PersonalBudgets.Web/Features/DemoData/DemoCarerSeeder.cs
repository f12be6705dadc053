using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.Teams;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.DemoData;

/// <summary>
/// A demo carer on the carer's route (ADR 21), so a new user can walk it: Jo Carewell, the mother of demo person
/// <see cref="CaredForIndex"/> (NM100045, North), with a completed carer's assessment on that person's record, an
/// eligible decision, her own record and pathway, an indicative budget from the carers' resource allocation system, a
/// carer's support plan approved by the team manager and a personal budget in place (a sitting service for her son,
/// paid by direct payment, and carers' wellbeing sessions), with her first review due in a few weeks. Built only
/// through the domain, like <see cref="DemoPathwaySeeder"/>; called once, after it.
/// </summary>
public sealed class DemoCarerSeeder(PersonalBudgetsDbContext db, DateTimeOffset seededAt)
{
    /// <summary>The demo person the carer cares for (NM100045, whose own budget is in place).</summary>
    public const int CaredForIndex = 44;

    public const string CarerIdentifier = "NM200045";

    public static readonly Guid CarerId = new("00000000-0000-4000-8000-000000005044");

    private static readonly ServiceStandards Standards = ServiceStandards.Default;
    private static readonly IReadOnlySet<DateOnly> Holidays = EnglandBankHolidays.All;
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);

    /// <summary>The carer outcomes she cannot achieve, and how (reg 3(3)).</summary>
    private static readonly Dictionary<CarerOutcome, CarerHowManaged[]> Unable = new()
    {
        [CarerOutcome.Relationships] = [CarerHowManaged.SignificantPainDistressOrAnxiety],
        [CarerOutcome.Recreation] = [CarerHowManaged.UnableWithoutAssistance],
    };

    private DateOnly Today => UkTime.DateOf(seededAt);

    private DateTimeOffset Ago(int days) => seededAt.AddDays(-days);

    public async Task SeedAsync(IReadOnlyDictionary<string, StaffUser> staffByEmail, Guid northTeam, CancellationToken cancellationToken = default)
    {
        var priyaUser = staffByEmail["nurse@northmoor.example"];
        var helenUser = staffByEmail["manager.north@northmoor.example"];
        var priya = new Actor(priyaUser.Id, priyaUser.DisplayName);
        var helen = new Actor(helenUser.Id, helenUser.DisplayName);
        var priyaRef = new StaffRef(priyaUser.Id, priyaUser.DisplayName, priyaUser.Profession);
        var helenRef = new StaffRef(helenUser.Id, helenUser.DisplayName, helenUser.Profession);
        var caredForId = DemoPathwaySeeder.PersonId(CaredForIndex);
        var ras = await db.RasVersions.SingleAsync(v => v.Kind == RasKind.Carer && v.Status == RasVersionStatus.Published, cancellationToken);

        // The carer's assessment, on the record of the person she cares for.
        var assessmentDue = UkTime.DateOf(Ago(42));
        var assessment = Assessment.Start(caredForId, AssessmentKind.Carer, priya.UserId, assessmentDue, priya, Ago(70));
        assessment.UpdateAbout(AssessmentType.FaceToFace, priya.UserId, assessmentDue, assessment.Revision, priya, Ago(70));
        assessment.UpdateParticipation("Jo Carewell (the carer) and Priya Shah (nurse), at Jo's home", Participation.InPerson, null, assessment.Revision, priya, Ago(63));
        assessment.UpdateWhatMatters("\"I want to keep looking after my son, but I need an evening to myself, and to sleep.\"",
            "Get back to my choir one evening a week; see my friends; feel less worn out", assessment.Revision, priya, Ago(63));
        assessment.UpdateCarerNeeds("Jo Carewell", "Mother", needsFromProvidingCare: true, healthAtRisk: true, assessment.Revision, priya, Ago(63));
        foreach (var outcome in Enum.GetValues<CarerOutcome>())
        {
            var ways = Unable.GetValueOrDefault(outcome) ?? [CarerHowManaged.WithoutDifficulty];
            assessment.SetCarerOutcome(outcome, ways, Unable.ContainsKey(outcome) ? "Cannot leave her son alone in the evenings when he is unwell" : null,
                assessment.Revision, priya, Ago(60));
        }

        assessment.UpdateFluctuation(true, "The last 6 months", "Caring is much heavier in the weeks when her son is unwell, about one week a month", assessment.Revision, priya, Ago(60));
        assessment.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w,
            w => (w is WellbeingArea.HealthAndEmotionalWellbeing or WellbeingArea.Relationships ? WellbeingImpact.Significant : WellbeingImpact.Some, (string?)null)),
            assessment.Revision, priya, Ago(60));
        assessment.UpdateAdvocacy(false, null, assessment.Revision, priya, Ago(56));
        assessment.Complete(assessment.Revision, priya, Ago(56));
        db.Assessments.Add(assessment);

        var determination = EligibilityDetermination.Confirm(assessment, true,
            "Caring every evening is wearing down your health and has cut you off from your friends and your choir", null, priya, Ago(50));
        if (!determination.Eligible)
        {
            throw new InvalidOperationException("The demo carer should be eligible");
        }

        db.EligibilityDeterminations.Add(determination);

        // Her own record, seen by her son's team, and her pathway from the indicative budget (as CarerPathwayService does).
        var (details, errors) = PersonDetailsRules.Validate(new PersonDetails
        {
            LegalFirstName = "Jo",
            LegalLastName = "Carewell",
            DateOfBirth = new DateOnly(1961, 4, 12),
            PersonIdentifier = CarerIdentifier,
            AddressLine1 = "89 Example Avenue",
            Town = "Northmoor",
            Postcode = "NM5 5AB",
            Gender = Gender.Female,
            Ethnicity = Ethnicity.WhiteBritish,
            AccommodationStatus = AccommodationStatus.OwnerOccupier,
            EmploymentStatus = EmploymentStatus.PaidUnder16Hours,
            PhoneNumber = "01632 960999",
            PrimarySupportReason = PrimarySupportReason.SupportToUnpaidCarer,
        }, Today);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The demo carer is invalid: {errors[0].Field}");
        }

        var carer = Person.CreateCarer(CarerId, details, caredForId, priya.UserId, priya, Ago(49));
        db.People.Add(carer);
        db.TeamAllocations.Add(new TeamAllocation
        {
            Id = Guid.NewGuid(), PersonId = CarerId, TeamId = northTeam, StartedAt = Ago(49), StartedByName = priya.DisplayName, Reason = "Carer of a person the team works with",
        });
        db.KeyWorkerAssignments.Add(new KeyWorkerAssignment { Id = Guid.NewGuid(), PersonId = CarerId, StaffId = priya.UserId, StartedAt = Ago(49), StartedByName = priya.DisplayName });
        assessment.StartCarerPathway(CarerId, determination.Eligible, priya.UserId, priya, Ago(49));
        db.BudgetOffers.Add(BudgetOffer.Record(CarerId, OfferStage.Eligibility, assessment.Id, null, true, OfferResponse.InterestedInDirectPayment, null,
            "Explained a carer's personal budget and direct payments", priya, priyaUser.Profession, northTeam, Ago(49)));

        var episode = PathwayEpisode.Open(CarerId, UkTime.DateOf(Ago(49)), null, priya, Ago(49), PathwayStage.IndicativeBudget);
        db.PathwayEpisodes.Add(episode);
        var step = PathwayStep.Open(episode, PathwayStage.IndicativeBudget, priyaRef, DueDates.For(PathwayStage.IndicativeBudget, UkTime.DateOf(Ago(49)), Standards, Holidays), assessment.Id, priya, Ago(49));
        db.PathwaySteps.Add(step);

        // The indicative budget from the carers' resource allocation system, and the offer made with it.
        var answers = DefaultCarersRas.Definition.Questions.ToDictionary(q => q.Id, q => q.Answers[Math.Min(2, q.Answers.Count - 1)].Id);
        var indicative = IndicativeBudget.Calculate(CarerId, assessment.Id, ras, answers, CompletedWith.PractitionerWithPerson, priya, Ago(45));
        db.IndicativeBudgets.Add(indicative);
        step.AttachSubject(indicative.Id);
        db.BudgetOffers.Add(BudgetOffer.Record(CarerId, OfferStage.IndicativeBudget, assessment.Id, indicative.Id, true, OfferResponse.InterestedInDirectPayment, null,
            "Went through the indicative amount and how it was worked out", priya, priyaUser.Profession, northTeam, Ago(45)));
        step = MoveTo(episode, step, PathwayStage.SupportPlanning, Ago(45), priyaRef, DueDates.For(PathwayStage.SupportPlanning, UkTime.DateOf(Ago(45)), Standards, Holidays), null, priya);

        // Her support plan: a sitter for her son one evening a week (replacement care) and carers' wellbeing sessions.
        var start = Today.AddDays(-21);
        var plan = SupportPlan.Start(CarerId, episode.Id, indicative.Id, indicative.WeeklyAmount, priya, Ago(40));
        step.AttachSubject(plan.Id);
        plan.SetSection(PlanSection.AboutMe, "I am Jo. I look after my son, who lives with me, every evening and most weekends. I work two mornings a week at the library.", PlanContributor.Person, plan.Revision, priya, Ago(40));
        plan.SetSection(PlanSection.WhatMatters, "Keeping my son well at home, singing with my choir again, and some sleep.", PlanContributor.Person, plan.Revision, priya, Ago(40));
        plan.SetOutcomes(["To go to my choir every Thursday evening", "To feel less worn out and see my friends"], PlanContributor.Person, plan.Revision, priya, Ago(40));
        plan.SaveElement(PlanElement.Create(null, "Sitting service for my son on Thursday evenings, so I can go to my choir", ServiceCategory.SupportToCaredForPerson,
            "Northmoor Sitters (demo)", 18m, UnitType.Hour, 3m, start, null, Deployment.DirectPayment, EligibleNeed.Of(CarerOutcome.Recreation)), plan.Revision, priya, Ago(38));
        plan.SaveElement(PlanElement.Create(null, "Carers' wellbeing sessions", ServiceCategory.Wellbeing,
            "Northmoor Carers Centre (demo)", 25m, UnitType.Session, 1m, start, null, Deployment.CouncilCommissioned, EligibleNeed.CarerHealth), plan.Revision, priya, Ago(38));
        var needs = new[] { EligibleNeed.CarerHealth, EligibleNeed.Of(CarerOutcome.Relationships), EligibleNeed.Of(CarerOutcome.Recreation) };
        foreach (var need in needs)
        {
            var howMet = need == EligibleNeed.CarerHealth
                ? "Carers' wellbeing sessions at the carers centre, and a night's sleep when the sitter is in"
                : "The Thursday sitter frees the evening for my choir and my friends";
            plan.SetNeed(need, howMet, PlanContributor.Person, plan.Revision, priya, Ago(38));
        }

        plan.SaveRisk(PlanRisk.Create(null, "My son becomes unwell while I am out", RiskLevel.Low, isPositiveRisk: true,
            "The sitter knows his crisis plan and has my phone number; the choir is ten minutes away", "Jo and the sitter"), plan.Revision, priya, Ago(36));
        plan.SetSection(PlanSection.Contingency, "If my son is unwell on a Thursday I stay in and the sitter comes another evening that week.", PlanContributor.Person, plan.Revision, priya, Ago(36));
        plan.SetFunding(0m, 0m, "A sitter three hours a week and one wellbeing session cover the carer's eligible needs", significantRisk: false, section117: false,
            plan.Revision, priya, Ago(36));
        plan.RecordAgreement(PlanAgreement.Agreed, "This is what I need to keep going.", InPerson, [], plan.Revision, priya, Ago(35));
        plan.Submit(needs, Standards.PlanVariancePercent, section117: false, plan.Revision, priya, Ago(35));
        db.SupportPlans.Add(plan);

        // Approved by the team manager within her limit; the personal budget started three weeks ago.
        var approvalDue = DueDates.For(PathwayStage.Approval, UkTime.DateOf(Ago(35)), Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, CarerId, plan.AuthorId,
            DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit), plan.WeeklyCost, approvalDue, priya, Ago(35));
        step = MoveTo(episode, step, PathwayStage.Approval, Ago(35), helenRef, approvalDue, request.Id, priya);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the carer's eligible needs, she wrote most of it, and the cost is within the team manager's limit.", null,
            request.Revision, helenUser.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, helen, Ago(30));
        plan.MarkApproved(helen, Ago(30));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
        var budget = PersonalBudget.Create(CarerId, plan.Id, plan.Number, request.Id, start, statement, helen, Ago(30));
        db.ApprovalRequests.Add(request);
        db.PersonalBudgets.Add(budget);
        MoveTo(episode, step, PathwayStage.BudgetInPlace, Ago(30), priyaRef, DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), budget.Id, helen);

        await db.SaveChangesAsync(cancellationToken);
    }

    private PathwayStep MoveTo(PathwayEpisode episode, PathwayStep step, PathwayStage to, DateTimeOffset at, StaffRef owner, DateOnly due, Guid? subjectId, Actor by)
    {
        step.Complete(InPerson, null, by, at);
        episode.MoveTo(to, by, at);
        var next = PathwayStep.Open(episode, to, owner, due, subjectId, by, at);
        db.PathwaySteps.Add(next);
        return next;
    }
}
