using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.DemoData;

/// <summary>
/// Gives some demo people a pathway in progress, built only through the domain, with the records a real pathway
/// would have: assessment, eligibility, indicative budget from the published RAS, offers, support plans, approval
/// requests, a panel meeting and a personal budget. Deterministic; dates are relative to the day of seeding (the same
/// instant as the rest of the demo data, from the injected clock). Called once, at the
/// end of the first-run demo seeding (after the example RAS is published). The people are among the last demo people
/// (31 to 45), so tests that pick demo people by position among the first ones are not affected.
/// </summary>
public sealed partial class DemoPathwaySeeder(PersonalBudgetsDbContext db, DateTimeOffset seededAt)
{
    /// <summary>The demo people (by index in the demo seeder) that have a pathway.</summary>
    public static readonly IReadOnlyList<int> People = [31, 32, 33, 34, 35, 36, 37, 38, 40, 44, 45, 39, 41, 42, 43];

    private static readonly ServiceStandards Standards = ServiceStandards.Default;
    private static readonly IReadOnlySet<DateOnly> Holidays = EnglandBankHolidays.All;
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);
    private static readonly PersonsPart ByPhone = new(Participation.PhoneOrVideo, null);

    private readonly PersonalBudgetsDbContext database = db;
    private readonly DateTimeOffset now = seededAt;
    private IReadOnlyDictionary<string, StaffUser> staff = new Dictionary<string, StaffUser>();
    private RasVersion ras = null!;
    private Guid northTeamId;
    private Guid southTeamId;

    private DateOnly Today => UkTime.DateOf(now);

    public static Guid PersonId(int index) => new($"00000000-0000-4000-8000-{1000 + index:000000000000}");

    public async Task SeedAsync(IReadOnlyDictionary<string, StaffUser> staffByEmail, Guid northTeam, Guid southTeam, CancellationToken cancellationToken = default)
    {
        staff = staffByEmail;
        northTeamId = northTeam;
        southTeamId = southTeam;
        ras = await database.RasVersions.SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published, cancellationToken);

        EligibleAwaitingPlan(40);
        AtFundingPanel(45);
        ApprovedBudgetReviewDue(44);
        AssessmentOverdue(31, "psychologist@northmoor.example", northTeamId);
        EligibilityUnowned(32);
        SupportPlanningOverdue(33);
        Referred(34, "nurse@northmoor.example", 3);
        WithTeamManager(35);
        Referred(36, "ot@northmoor.example", 10);
        AssessmentOverdue(37, "peersupport@northmoor.example", southTeamId);
        SouthPlanning(38);
        PlanWithFinancialAssessmentWaiting(FinancePeople[0]);
        ProvidersAndMonitoring();
        DirectPaymentsDemo();
        ReturnsYear();
        DashboardHistory();

        await database.SaveChangesAsync(cancellationToken);
    }

    // i = 40: eligible with an indicative budget; support planning owned by Priya, due in 20 days.
    private void EligibleAwaitingPlan(int i)
    {
        var priya = Staff("nurse@northmoor.example");
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(30), priya, priya, "Referred by her GP: struggling to cook or go out since a hospital stay.");
        var assessment = p.Assess(Ago(27), Ago(14), priya, [SpecifiedOutcome.Nutrition, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(8), priya);
        p.GiveIndicativeBudget(assessment, Ago(6), priya, Answers(3, 3, 2, 3, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(6), InPerson, priya, p.PlanDue, null, priya);
    }

    // i = 45: plan (about £520 a week) by Tom, submitted; route funding panel; on the agenda of a panel meeting today (a panel decides at its meeting, not before).
    private void AtFundingPanel(int i)
    {
        var tom = Staff("socialworker@northmoor.example");
        var ruth = Staff("panel@northmoor.example");
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(60), tom, tom, "Self-referral after discharge from the acute ward.");
        var assessment = p.Assess(Ago(57), Ago(36), tom, [SpecifiedOutcome.Nutrition, SpecifiedOutcome.Relationships]);
        p.DecideEligibility(assessment, Ago(30), tom);
        var budget = p.GiveIndicativeBudget(assessment, Ago(28), tom, Answers(4, 3, 3, 3, 4, 3, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(28), InPerson, tom, p.PlanDue, null, tom);
        var plan = p.WritePlan(budget, tom, Ago(20), Ago(4),
            ["To cook a hot meal for myself most days", "To see my sister and my friends again"],
            [
                Element("Personal assistant: cooking, shopping and getting out", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 16.50m, UnitType.Hour, 20m, Deployment.DirectPayment, SpecifiedOutcome.Nutrition, Today.AddDays(14)),
                Element("Day service: cookery group and social activities", ServiceCategory.CommunityActivity, "Northmoor Day Opportunities (demo)", 95m, UnitType.Day, 2m, Deployment.CouncilCommissioned, SpecifiedOutcome.Relationships, Today.AddDays(14)),
            ],
            contribution: 40m, nhsShare: 0m,
            varianceReason: "Two days a week at the day service are needed for the first months after discharge; the indicative amount does not cover building contact back up.");
        var due = DueDates.For(PathwayStage.Approval, Date(Ago(4)), Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, tom.Actor(), Ago(4));
        var meeting = PanelMeeting.Schedule(PanelKind.Funding, Today, "Northmoor Civic Centre, Committee Room 2 (demo)", Date(Ago(4)), ruth.Actor(), Ago(4));
        request.PlaceOnAgenda(meeting);
        database.ApprovalRequests.Add(request);
        database.PanelMeetings.Add(meeting);
        p.MoveTo(PathwayStage.Approval, Ago(4), InPerson, ruth.Ref(), due, request.Id, tom);
    }

    // i = 35: plan (about £180 a week) by Priya, submitted; route team manager; approval owned by Helen, due in 5 working days.
    private void WithTeamManager(int i)
    {
        var priya = Staff("nurse@northmoor.example");
        var helen = Staff("manager.north@northmoor.example");
        var due = DueDates.AddWorkingDays(Today, 5, Holidays);
        var submitted = OpenedFor(due, Standards.ApprovalWorkingDays);
        var days = Today.DayNumber - submitted.DayNumber;
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(days + 45), priya, priya, "Referred by the crisis team after a period of low mood and isolation.");
        var assessment = p.Assess(Ago(days + 42), Ago(days + 26), priya, [SpecifiedOutcome.WorkTrainingEducationVolunteering, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(days + 20), priya);
        var budget = p.GiveIndicativeBudget(assessment, Ago(days + 18), priya, Answers(3, 3, 3, 3, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(days + 18), ByPhone, priya, p.PlanDue, null, priya);
        var plan = p.WritePlan(budget, priya, Ago(days + 10), Ago(days),
            ["To get back into volunteering at the food bank", "To use the bus on my own again"],
            [
                Element("Personal assistant: travel training and support to volunteer", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 15m, UnitType.Hour, 8m, Deployment.DirectPayment, SpecifiedOutcome.WorkTrainingEducationVolunteering, Today.AddDays(14)),
                Element("Peer support group", ServiceCategory.PeerSupport, "Northmoor Peer Network (demo)", 30m, UnitType.Session, 2m, Deployment.CouncilCommissioned, SpecifiedOutcome.CommunityFacilities, Today.AddDays(14)),
            ],
            contribution: 15m, nhsShare: 0m, varianceReason: null);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, priya.Actor(), Ago(days));
        database.ApprovalRequests.Add(request);
        p.MoveTo(PathwayStage.Approval, Ago(days), ByPhone, helen.Ref(), due, request.Id, priya);
    }

    // i = 44 (section 117 aftercare): approved plan (by Priya, decided by Helen); budget started 9 weeks ago; first review due a week ago.
    private void ApprovedBudgetReviewDue(int i)
    {
        var priya = Staff("nurse@northmoor.example");
        var helen = Staff("manager.north@northmoor.example");
        var start = Today.AddDays(-63);
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(140), priya, priya, "Referred by the community mental health nurse: aftercare under section 117.");
        var assessment = p.Assess(Ago(137), Ago(118), priya, [SpecifiedOutcome.HabitableHome, SpecifiedOutcome.WorkTrainingEducationVolunteering]);
        p.DecideEligibility(assessment, Ago(112), priya);
        var budget = p.GiveIndicativeBudget(assessment, Ago(110), priya, Answers(4, 3, 3, 3, 3, 3, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(110), InPerson, priya, p.PlanDue, null, priya);
        var plan = p.WritePlan(budget, priya, Ago(100), Ago(84),
            ["To keep my flat clean and my tenancy safe", "To find part-time work"],
            [
                Element("Personal assistant: help with the home and routines", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 16m, UnitType.Hour, 10m, Deployment.DirectPayment, SpecifiedOutcome.HabitableHome, start),
                Element("Employment support service", ServiceCategory.EmploymentSupport, "Northmoor Works (demo)", 45m, UnitType.Session, 2m, Deployment.CouncilCommissioned, SpecifiedOutcome.WorkTrainingEducationVolunteering, start),
            ],
            contribution: 0m, nhsShare: 125m, varianceReason: null, section117: true);
        var submitted = Date(Ago(84));
        var due = DueDates.For(PathwayStage.Approval, submitted, Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, p.PersonId, plan.AuthorId, DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit),
            plan.WeeklyCost, due, priya.Actor(), Ago(84));
        p.MoveTo(PathwayStage.Approval, Ago(84), InPerson, helen.Ref(), due, request.Id, priya);
        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs, the person agrees with it and the cost is within the team manager's limit.", null,
            request.Revision, helen.User.Id, [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, helen.Actor(), Ago(76));
        plan.MarkApproved(helen.Actor(), Ago(76));
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: true);
        var personalBudget = PersonalBudget.Create(p.PersonId, plan.Id, plan.Number, request.Id, start, statement, helen.Actor(), Ago(76));
        database.ApprovalRequests.Add(request);
        database.PersonalBudgets.Add(personalBudget);
        p.MoveTo(PathwayStage.BudgetInPlace, Ago(76), InPerson, priya.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), personalBudget.Id, helen);
    }

    // i = 31 (North) and 37 (South): needs assessment overdue by 5 or 7 days, a draft assessment started.
    private void AssessmentOverdue(int i, string ownerEmail, Guid teamId)
    {
        var owner = Staff(ownerEmail);
        var referral = i == 31 ? 33 : 35;
        var p = new Journey(this, i, teamId);
        p.Refer(Ago(referral), owner, owner, "Referred by the GP: not managing at home.");
        var assessment = Assessment.Start(p.PersonId, AssessmentKind.Adult, owner.User.Id, p.AssessmentDue, owner.Actor(), Ago(referral - 3));
        assessment.UpdateAbout(AssessmentType.FaceToFace, owner.User.Id, p.AssessmentDue, assessment.Revision, owner.Actor(), Ago(referral - 3));
        assessment.UpdateParticipation("The person and their key worker", Participation.InPerson, null, assessment.Revision, owner.Actor(), Ago(referral - 10));
        assessment.UpdateWhatMatters("I want to feel safe at home and see people again", "Go out once a week; keep my flat in order", assessment.Revision, owner.Actor(), Ago(referral - 10));
        database.Assessments.Add(assessment);
        p.MoveTo(PathwayStage.NeedsAssessment, Ago(referral - 3), InPerson, owner.Ref(), p.AssessmentDue, assessment.Id, owner);
    }

    // i = 32: assessment completed; eligibility open with no owner, due in 3 days.
    private void EligibilityUnowned(int i)
    {
        var ben = Staff("psychologist@northmoor.example");
        var due = Today.AddDays(3);
        var opened = OpenedFor(due, Standards.EligibilityWorkingDays);
        var days = Today.DayNumber - opened.DayNumber;
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(days + 25), ben, ben, "Duty referral from the crisis line.");
        var assessment = p.Assess(Ago(days + 22), Ago(days), ben, [SpecifiedOutcome.PersonalHygiene, SpecifiedOutcome.Relationships]);
        // The duty assessor has finished: deciding eligibility waits for someone to take it on.
        p.MoveTo(PathwayStage.Eligibility, Ago(days), InPerson, null, due, assessment.Id, ben);
    }

    // i = 33: support planning owned by Tom, due 10 days ago.
    private void SupportPlanningOverdue(int i)
    {
        var tom = Staff("socialworker@northmoor.example");
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(75), tom, tom, "Referred by the housing officer: at risk of losing the tenancy.");
        var assessment = p.Assess(Ago(72), Ago(44), tom, [SpecifiedOutcome.HabitableHome, SpecifiedOutcome.Nutrition]);
        p.DecideEligibility(assessment, Ago(38), tom);
        p.GiveIndicativeBudget(assessment, Ago(36), tom, Answers(2, 3, 2, 2, 2, 4, 1), OfferResponse.WantsTimeToDecide);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(36), InPerson, tom.Ref(), p.PlanDue, null, tom);
    }

    // i = 34 (Priya) and 36 (Grace): referral received a few days ago.
    private void Referred(int i, string ownerEmail, int daysAgo)
    {
        var owner = Staff(ownerEmail);
        var p = new Journey(this, i, i == 36 ? southTeamId : northTeamId);
        p.Refer(Ago(daysAgo), owner, owner, "Referred by the GP for an assessment of social care needs.");
    }

    // i = 38 (South): support planning owned by Grace, due in 12 days.
    private void SouthPlanning(int i)
    {
        var grace = Staff("ot@northmoor.example");
        var p = new Journey(this, i, southTeamId);
        p.Refer(Ago(50), grace, grace, "Referred by the early intervention team.");
        var assessment = p.Assess(Ago(47), Ago(22), grace, [SpecifiedOutcome.UsingHomeSafely, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(16), grace);
        p.GiveIndicativeBudget(assessment, Ago(14), grace, Answers(3, 2, 3, 2, 3, 2, 1), OfferResponse.PrefersCouncilArranged);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(14), InPerson, grace.Ref(), p.PlanDue, null, grace);
    }

    // i = 39, 41, 42 and 43: months of history for the implementation dashboard (ADR 0027), so every chart has something
    // to show: a direct payment reviewed on time, an offer not made and a pathway ended, a budget by an individual service
    // fund reviewed late after its planning was reallocated, and a person found not eligible.
    private void DashboardHistory()
    {
        ReviewedOnTime(39);
        NotOfferedThenEnded(41);
        ReallocatedReviewedLate(42);
        NotEligible(43);
    }

    // i = 39 (South): budget with a direct payment since 230 days ago (Grace; approved by David); first review done on time.
    private void ReviewedOnTime(int i)
    {
        var grace = Staff("ot@northmoor.example");
        var david = Staff("manager.south@northmoor.example");
        var start = Today.AddDays(-230);
        var p = new Journey(this, i, southTeamId);
        p.Refer(Ago(320), grace, grace, "Referred by the early intervention team: stopped going out after a relapse.");
        var assessment = p.Assess(Ago(316), Ago(290), grace, [SpecifiedOutcome.PersonalHygiene, SpecifiedOutcome.CommunityFacilities]);
        p.DecideEligibility(assessment, Ago(282), grace);
        var budget = p.GiveIndicativeBudget(assessment, Ago(276), grace, Answers(3, 2, 3, 2, 3, 2, 1), OfferResponse.InterestedInDirectPayment);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(276), ByPhone, grace, p.PlanDue, null, grace);
        var plan = p.WritePlan(budget, grace, Ago(266), Ago(250),
            ["To go swimming every week", "To get ready in the morning without my mum's help"],
            [
                Element("Personal assistant: morning routine", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 15m, UnitType.Hour, 6m, Deployment.DirectPayment, SpecifiedOutcome.PersonalHygiene, start),
                Element("Leisure centre pass and travel", ServiceCategory.Wellbeing, "Northmoor Leisure (demo)", 12m, UnitType.Week, 1m, Deployment.CouncilManaged, SpecifiedOutcome.CommunityFacilities, start),
            ],
            contribution: 0m, nhsShare: 0m, varianceReason: "The person chose a leisure pass instead of a day service: it costs less and is what they want.");
        var pb = p.Approve(plan, grace, david, Ago(250), Ago(244), start);
        p.Review(plan, pb, grace, Ago(180), Ago(176), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays),
            [OutcomeAchieved.Fully, OutcomeAchieved.Partly], Today.AddDays(140));
    }

    // i = 41 (North): eligible 115 days ago, too unwell to be offered a budget then (Tom); declined support, pathway ended.
    private void NotOfferedThenEnded(int i)
    {
        var tom = Staff("socialworker@northmoor.example");
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(150), tom, tom, "Referred by the ward on discharge.");
        var assessment = p.Assess(Ago(147), Ago(120), tom, [SpecifiedOutcome.Nutrition, SpecifiedOutcome.PersonalHygiene]);
        p.DecideEligibility(assessment, Ago(115), tom, NotOfferedReason.TooUnwellNow, "Too unwell to think about it this month: to offer again at the indicative budget");
        p.End(Ago(60), PathwayEndReason.DeclinedSupport, tom);
    }

    // i = 42 (North): planning moved from Ben (psychologist) to Tom (social worker); an individual service fund since 150
    // days ago; the first review was done 16 days late.
    private void ReallocatedReviewedLate(int i)
    {
        var ben = Staff("psychologist@northmoor.example");
        var tom = Staff("socialworker@northmoor.example");
        var helen = Staff("manager.north@northmoor.example");
        var start = Today.AddDays(-150);
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(215), ben, ben, "Referred by the psychology service.");
        var assessment = p.Assess(Ago(210), Ago(195), ben, [SpecifiedOutcome.Relationships, SpecifiedOutcome.UsingHomeSafely]);
        p.DecideEligibility(assessment, Ago(190), ben, NotOfferedReason.Other, "Wanted to talk it over with the family before hearing about money");
        var budget = p.GiveIndicativeBudget(assessment, Ago(185), ben, Answers(3, 3, 2, 2, 3, 2, 1), OfferResponse.PrefersCouncilArranged);
        p.MoveTo(PathwayStage.SupportPlanning, Ago(185), ByPhone, ben, p.PlanDue, null, ben);
        p.Reallocate(tom, "Ben is on long-term leave: Tom knows the family", Ago(175), helen);
        var plan = p.WritePlan(budget, tom, Ago(172), Ago(160),
            ["To have my grandchildren to stay safely", "To feel less alone in the evenings"],
            [
                Element("Support at home in the evenings (individual service fund)", ServiceCategory.HomeSupport, "Northmoor Home Support (demo)", 18m, UnitType.Hour, 8m, Deployment.IndividualServiceFund, SpecifiedOutcome.Relationships, start),
                Element("Home safety equipment", ServiceCategory.Equipment, "Council equipment service", 10m, UnitType.Week, 1m, Deployment.CouncilCommissioned, SpecifiedOutcome.UsingHomeSafely, start),
            ],
            contribution: 20m, nhsShare: 0m, varianceReason: "Evening support is what the person asked for; the equipment is a short-term cost.");
        var pb = p.Approve(plan, tom, helen, Ago(160), Ago(155), start);
        var due = DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays);
        p.Review(plan, pb, tom, Ago(Today.DayNumber - due.DayNumber - 14), Ago(Today.DayNumber - due.DayNumber - 16), due,
            [OutcomeAchieved.Not, OutcomeAchieved.Partly], Today.AddDays(200));
    }

    // i = 43 (North): assessed 270 days ago and found not eligible (one outcome not achievable); pathway ended.
    private void NotEligible(int i)
    {
        var helen = Staff("manager.north@northmoor.example");
        var p = new Journey(this, i, northTeamId);
        p.Refer(Ago(300), helen, helen, "Self-referral: worried about managing at home.");
        var assessment = p.Assess(Ago(296), Ago(275), helen, [SpecifiedOutcome.HabitableHome]);
        p.DecideNotEligible(assessment, Ago(270), helen);
        p.End(Ago(270), PathwayEndReason.NoEligibleNeeds, helen);
    }

    private DateTimeOffset Ago(int days) => now.AddDays(-days);

    private static DateOnly Date(DateTimeOffset at) => UkTime.DateOf(at);

    /// <summary>A day on which a stage opening would be due on <paramref name="due"/> after the working days given.</summary>
    private static DateOnly OpenedFor(DateOnly due, int workingDays)
    {
        for (var d = due.AddDays(-1); d > due.AddDays(-40); d = d.AddDays(-1))
        {
            if (DueDates.AddWorkingDays(d, workingDays, Holidays) == due)
            {
                return d;
            }
        }

        return due.AddDays(-7);
    }

    private DemoStaff Staff(string email) => new(staff[email]);

    private static Dictionary<string, string> Answers(params int[] choice) =>
        DefaultRas.Definition.Questions.Select((q, n) => (q.Id, Answer: q.Answers[Math.Min(choice[n], q.Answers.Count) - 1].Id)).ToDictionary(x => x.Id, x => x.Answer);

    private static PlanElement Element(string description, ServiceCategory category, string provider, decimal unitCost, UnitType unitType, decimal unitsPerWeek,
        Deployment deployment, SpecifiedOutcome need, DateOnly start) =>
        PlanElement.Create(null, description, category, provider, unitCost, unitType, unitsPerWeek, start, null, deployment, need);

    private sealed record DemoStaff(StaffUser User)
    {
        public Actor Actor() => new(User.Id, User.DisplayName);

        public StaffRef Ref() => new(User.Id, User.DisplayName, User.Profession);

        public static implicit operator StaffRef(DemoStaff s) => s.Ref();
    }

    /// <summary>One person's pathway as it is built: the episode, the open step, and the records along the way.</summary>
    private sealed class Journey(DemoPathwaySeeder seeder, int index, Guid teamId)
    {
        private PathwayEpisode episode = null!;
        private PathwayStep step = null!;
        private DateOnly? eligibilityDate;
        private IReadOnlyList<SpecifiedOutcome> eligibleNeeds = [];

        public Guid PersonId { get; } = DemoPathwaySeeder.PersonId(index);

        private PersonalBudgetsDbContext Db => seeder.database;

        public DateOnly AssessmentDue => DueDates.For(PathwayStage.NeedsAssessment, episode.ReferralDate, Standards, Holidays, episode.ReferralDate);

        public DateOnly PlanDue => DueDates.For(PathwayStage.SupportPlanning, eligibilityDate!.Value, Standards, Holidays);

        public void Refer(DateTimeOffset at, StaffRef owner, DemoStaff by, string note)
        {
            var date = Date(at);
            episode = PathwayEpisode.Open(PersonId, date, note, by.Actor(), at);
            step = PathwayStep.Open(episode, PathwayStage.Referral, owner, AssessmentDue, null, by.Actor(), at);
            step.RecordPersonsPart(ByPhone, by.Actor(), at);
            Db.PathwayEpisodes.Add(episode);
            Db.PathwaySteps.Add(step);
        }

        public void MoveTo(PathwayStage to, DateTimeOffset at, PersonsPart part, StaffRef? owner, DateOnly due, Guid? subjectId, DemoStaff by)
        {
            step.Complete(part, null, by.Actor(), at);
            episode.MoveTo(to, by.Actor(), at);
            step = PathwayStep.Open(episode, to, owner, due, subjectId, by.Actor(), at);
            Db.PathwaySteps.Add(step);
        }

        /// <summary>A needs assessment started and completed through its methods, with two outcomes not achievable.</summary>
        public Assessment Assess(DateTimeOffset started, DateTimeOffset completed, DemoStaff by, IReadOnlyList<SpecifiedOutcome> notAchievable)
        {
            var actor = by.Actor();
            var a = Assessment.Start(PersonId, AssessmentKind.Adult, by.User.Id, AssessmentDue, actor, started);
            MoveTo(PathwayStage.NeedsAssessment, started, InPerson, by, AssessmentDue, a.Id, by);
            a.UpdateAbout(AssessmentType.FaceToFace, by.User.Id, AssessmentDue, a.Revision, actor, started);
            a.UpdateParticipation("The person, their key worker and (for part of it) their sister", Participation.InPerson, null, a.Revision, actor, started);
            a.UpdateWhatMatters("I want to look after myself and my home again, and not be so alone", "Cook for myself; get out of the flat; see friends", a.Revision, actor, started);
            a.UpdateNeedsOrigin(true, ImpairmentKinds.MentalIllness, null, a.Revision, actor, started);
            foreach (var outcome in Enum.GetValues<SpecifiedOutcome>())
            {
                var unable = notAchievable.Contains(outcome);
                a.SetOutcome(outcome, unable ? [HowManaged.OnlyWithAssistance, HowManaged.SignificantPainDistressOrAnxiety] : [HowManaged.WithoutDifficulty],
                    unable ? "Manages only with prompting and support, and with much anxiety" : null, a.Revision, actor, completed);
            }

            a.UpdateFluctuation(true, "The last 6 months", "Much harder in weeks when low mood returns; better with regular contact", a.Revision, actor, completed);
            a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w,
                w => (w is WellbeingArea.HealthAndEmotionalWellbeing or WellbeingArea.Relationships ? WellbeingImpact.Significant : WellbeingImpact.Some, (string?)null)), a.Revision, actor, completed);
            a.UpdateCarer(YesNoUnknown.No, null, a.Revision, actor, completed);
            a.UpdateAdvocacy(false, null, a.Revision, actor, completed);
            a.Complete(a.Revision, actor, completed);
            Db.Assessments.Add(a);
            eligibleNeeds = notAchievable;
            return a;
        }

        /// <summary>Confirms the (eligible) determination, records the offer at eligibility (or why none was made) and opens the indicative budget step.</summary>
        public void DecideEligibility(Assessment assessment, DateTimeOffset at, DemoStaff by, NotOfferedReason? notOffered = null, string? why = null)
        {
            MoveTo(PathwayStage.Eligibility, assessment.CompletedAt!.Value, InPerson, by, DueDates.For(PathwayStage.Eligibility, Date(assessment.CompletedAt!.Value), Standards, Holidays), assessment.Id, by);
            var determination = EligibilityDetermination.Confirm(assessment, true, "The needs have a significant impact on the person's wellbeing, above all their mental health and relationships", null, by.Actor(), at);
            if (!determination.Eligible)
            {
                throw new InvalidOperationException($"Demo person {index} should be eligible");
            }

            Db.EligibilityDeterminations.Add(determination);
            Db.BudgetOffers.Add(notOffered is null
                ? BudgetOffer.Record(PersonId, OfferStage.Eligibility, assessment.Id, null, true, OfferResponse.WantsTimeToDecide, null,
                    "Explained personal budgets and direct payments, with the easy-read leaflet", by.Actor(), by.User.Profession, teamId, at)
                : BudgetOffer.Record(PersonId, OfferStage.Eligibility, assessment.Id, null, false, null, notOffered, why, by.Actor(), by.User.Profession, teamId, at));
            eligibilityDate = Date(at);
            MoveTo(PathwayStage.IndicativeBudget, at, InPerson, by, DueDates.For(PathwayStage.IndicativeBudget, Date(at), Standards, Holidays), null, by);
        }

        /// <summary>The indicative budget from the published RAS, completed with the person, and the offer made with it.</summary>
        public IndicativeBudget GiveIndicativeBudget(Assessment assessment, DateTimeOffset at, DemoStaff by, IReadOnlyDictionary<string, string> answers, OfferResponse response)
        {
            var budget = IndicativeBudget.Calculate(PersonId, assessment.Id, seeder.ras, answers, CompletedWith.PractitionerWithPerson, by.Actor(), at);
            Db.IndicativeBudgets.Add(budget);
            step.AttachSubject(budget.Id);
            Db.BudgetOffers.Add(BudgetOffer.Record(PersonId, OfferStage.IndicativeBudget, assessment.Id, budget.Id, true, response, null,
                "Went through the indicative amount and how it was worked out", by.Actor(), by.User.Profession, teamId, at));
            return budget;
        }

        /// <summary>Writes every part of a plan with the person, attaches it to the support planning step, and submits it.</summary>
        public SupportPlan WritePlan(IndicativeBudget budget, DemoStaff author, DateTimeOffset started, DateTimeOffset submitted, IReadOnlyList<string> outcomes,
            IReadOnlyList<PlanElement> elements, decimal contribution, decimal nhsShare, string? varianceReason, bool section117 = false)
        {
            var actor = author.Actor();
            var plan = SupportPlan.Start(PersonId, episode.Id, budget.Id, budget.WeeklyAmount, actor, started);
            step.AttachSubject(plan.Id);
            plan.SetSection(PlanSection.AboutMe, "I live on my own in a flat near the park. I used to work in a bakery and I love music.", PlanContributor.Person, plan.Revision, actor, started);
            plan.SetSection(PlanSection.WhatMatters, "Feeling useful, seeing my family, and not being stuck indoors.", PlanContributor.Person, plan.Revision, actor, started);
            plan.SetOutcomes(outcomes.Cast<string?>().ToList(), PlanContributor.Person, plan.Revision, actor, started);
            foreach (var need in eligibleNeeds)
            {
                plan.SetNeed(need, $"Met by the support below: {string.Join("; ", elements.Where(e => e.MeetsNeed == need).Select(e => e.Description))}", PlanContributor.Practitioner, plan.Revision, actor, started);
            }

            foreach (var element in elements)
            {
                plan.SaveElement(element, plan.Revision, actor, started);
            }

            plan.SaveRisk(PlanRisk.Create(null, "Going out alone when anxious", RiskLevel.Medium, isPositiveRisk: true,
                "Start with short trips with the personal assistant; agree a phone check-in", "The person and their personal assistant"), plan.Revision, actor, started);
            plan.SetSection(PlanSection.Contingency, "If I become unwell, call my key worker or the crisis line; my sister has a key to the flat.", PlanContributor.Person, plan.Revision, actor, started);
            plan.SetFunding(contribution, nhsShare, varianceReason, significantRisk: false, section117, plan.Revision, actor, started);
            plan.RecordAgreement(PlanAgreement.Agreed, null, InPerson, [], plan.Revision, actor, submitted);
            plan.Submit(eligibleNeeds.Select(EligibleNeed.Of).ToList(), Standards.PlanVariancePercent, section117, plan.Revision, actor, submitted);
            Db.SupportPlans.Add(plan);
            return plan;
        }

        /// <summary>A plan being written (a draft, with costed support, the contribution typed in as provisional £0).</summary>
        public SupportPlan StartDraftPlan(IndicativeBudget budget, DemoStaff author, DateTimeOffset started, IReadOnlyList<PlanElement> elements)
        {
            var actor = author.Actor();
            var plan = SupportPlan.Start(PersonId, episode.Id, budget.Id, budget.WeeklyAmount, actor, started);
            step.AttachSubject(plan.Id);
            plan.SetSection(PlanSection.AboutMe, "I live with my partner and our son. I like football and I am learning to drive.", PlanContributor.Person, plan.Revision, actor, started);
            foreach (var element in elements)
            {
                plan.SaveElement(element, plan.Revision, actor, started);
            }

            Db.SupportPlans.Add(plan);
            return plan;
        }

        /// <summary>Confirms a "not eligible" determination with the advice given, and records why no budget was offered.</summary>
        public void DecideNotEligible(Assessment assessment, DateTimeOffset at, DemoStaff by)
        {
            MoveTo(PathwayStage.Eligibility, assessment.CompletedAt!.Value, InPerson, by, DueDates.For(PathwayStage.Eligibility, Date(assessment.CompletedAt!.Value), Standards, Holidays), assessment.Id, by);
            var determination = EligibilityDetermination.Confirm(assessment, true, "The needs affect the person's wellbeing", "Advice on the community cafe, the tenancy support line and the self-help group", by.Actor(), at);
            Db.EligibilityDeterminations.Add(determination);
            Db.BudgetOffers.Add(BudgetOffer.Record(PersonId, OfferStage.Eligibility, assessment.Id, null, false, null, NotOfferedReason.NotEligible,
                "Not eligible: advice and information given instead", by.Actor(), by.User.Profession, teamId, at));
        }

        /// <summary>Gives the open step to another member of staff, with the reason.</summary>
        public void Reallocate(DemoStaff to, string reason, DateTimeOffset at, DemoStaff by) =>
            Db.StepOwnerChanges.Add(step.AssignOwner(to.Ref(), reason, null, by.Actor(), at));

        /// <summary>Sends the plan for approval, approves it within the team manager's limit, and puts the budget in place.</summary>
        public PersonalBudget Approve(SupportPlan plan, DemoStaff author, DemoStaff decider, DateTimeOffset submitted, DateTimeOffset decided, DateOnly start)
        {
            var due = DueDates.For(PathwayStage.Approval, Date(submitted), Standards, Holidays);
            var request = ApprovalRequest.Create(plan.Id, plan.Number, PersonId, plan.AuthorId,
                DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit), plan.WeeklyCost, due, author.Actor(), submitted);
            MoveTo(PathwayStage.Approval, submitted, InPerson, decider.Ref(), due, request.Id, author);
            request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs and the person agrees with it.", null, request.Revision, decider.User.Id,
                [Role.TeamManager, Role.Practitioner], Standards.TeamManagerWeeklyLimit, decider.Actor(), decided);
            plan.MarkApproved(decider.Actor(), decided);
            var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117: false);
            var budget = PersonalBudget.Create(PersonId, plan.Id, plan.Number, request.Id, start, statement, decider.Actor(), decided);
            Db.ApprovalRequests.Add(request);
            Db.PersonalBudgets.Add(budget);
            MoveTo(PathwayStage.BudgetInPlace, decided, InPerson, author.Ref(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), budget.Id, decider);
            return budget;
        }

        /// <summary>A scheduled review, completed with each outcome as achieved given; the budget continues, next review due as given.</summary>
        public void Review(SupportPlan plan, PersonalBudget budget, DemoStaff by, DateTimeOffset started, DateTimeOffset completed, DateOnly due, OutcomeAchieved[] achieved, DateOnly nextDue)
        {
            var actor = by.Actor();
            MoveTo(PathwayStage.Review, started, InPerson, by, due, null, by);
            var outcomes = plan.Outcomes.OrderBy(o => o.Order).ToList();
            var review = Core.Reviews.Review.Open(PersonId, episode.Id, plan.Id, budget.Id, outcomes.Select(o => (o.Id, o.Text)), ReviewReason.Scheduled, null, due, actor, started);
            step.AttachSubject(review.Id);
            foreach (var (outcome, n) in outcomes.Select((o, n) => (o, n)))
            {
                review.RecordOutcome(outcome.Id, achieved[n % achieved.Length], "In my words: some weeks are better than others", review.Revision, actor, completed);
            }

            review.RecordFindings(InPerson, [], "Having the same worker each week", "Evenings are still hard", plan.HasDirectPayment ? true : null, plan.HasDirectPayment, review.Revision, actor, completed);
            review.Complete(ReviewDecision.Continue, null, review.Revision, actor, completed);
            Db.Reviews.Add(review);
            MoveTo(PathwayStage.BudgetInPlace, completed, ByPhone, by, nextDue, budget.Id, by);
        }

        /// <summary>Ends the pathway, closing its open step.</summary>
        public void End(DateTimeOffset at, PathwayEndReason reason, DemoStaff by)
        {
            step.Close($"Pathway ended: {reason.Label().ToLowerInvariant()}", by.Actor(), at);
            episode.End(reason, null, by.Actor(), at);
        }
    }
}
