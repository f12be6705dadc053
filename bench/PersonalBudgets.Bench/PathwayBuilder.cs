using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Notifications;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Bench;

/// <summary>Where a generated person's pathway stands.</summary>
public enum Target
{
    Referral,
    NeedsAssessment,
    Eligibility,
    IndicativeBudget,
    SupportPlanning,
    Approval,
    BudgetInPlace,
    Review,
    EndedNotEligible,
    EndedAfterReview,
}

/// <summary>
/// Builds one person's pathway through the domain, the way the service does it: episode and steps (each with an owner and
/// a due date from the service standards), assessment, eligibility, offers, indicative budget from the published RAS,
/// support plan with costed elements, approval request, personal budget and reviews. Times run forward from a referral
/// placed so that the current stage opened a random while ago: some steps are overdue.
/// </summary>
public sealed class PathwayBuilder(DataSet data, Random random, RasVersion ras, DateTimeOffset anchor, OrganisationBuilder org, IReadOnlyList<PanelMeeting> meetings)
{
    private static readonly ServiceStandards Standards = ServiceStandards.Default;
    private static readonly IReadOnlySet<DateOnly> Holidays = EnglandBankHolidays.All;
    private static readonly PersonsPart InPerson = new(Participation.InPerson, null);
    private static readonly PersonsPart ByPhone = new(Participation.PhoneOrVideo, null);
    private static readonly SpecifiedOutcome[] AllOutcomes = Enum.GetValues<SpecifiedOutcome>();

    private static readonly (string Description, ServiceCategory Category, string Provider, decimal UnitCost, UnitType Unit, SpecifiedOutcome Need)[] Services =
    [
        ("Personal assistant: cooking, shopping and getting out", ServiceCategory.PersonalAssistant, "Personal assistant employed by the person", 16.50m, UnitType.Hour, SpecifiedOutcome.Nutrition),
        ("Support at home with routines and the flat", ServiceCategory.HomeSupport, "Benchmark Home Support (fictional)", 22m, UnitType.Hour, SpecifiedOutcome.HabitableHome),
        ("Day service: cookery group and social activities", ServiceCategory.CommunityActivity, "Benchmark Day Opportunities (fictional)", 48m, UnitType.Session, SpecifiedOutcome.Relationships),
        ("College course fees and travel", ServiceCategory.Education, "Benchmark College (fictional)", 35m, UnitType.Session, SpecifiedOutcome.WorkTrainingEducationVolunteering),
        ("Employment support service", ServiceCategory.EmploymentSupport, "Benchmark Works (fictional)", 45m, UnitType.Session, SpecifiedOutcome.WorkTrainingEducationVolunteering),
        ("Peer support group", ServiceCategory.PeerSupport, "Benchmark Peer Network (fictional)", 30m, UnitType.Session, SpecifiedOutcome.CommunityFacilities),
        ("Gym membership and swimming", ServiceCategory.Wellbeing, "Benchmark Leisure (fictional)", 8m, UnitType.Session, SpecifiedOutcome.CommunityFacilities),
        ("Travel training and bus pass top-up", ServiceCategory.Transport, "Personal assistant employed by the person", 15m, UnitType.Hour, SpecifiedOutcome.CommunityFacilities),
        ("Personal care support in the morning", ServiceCategory.HomeSupport, "Benchmark Home Support (fictional)", 22m, UnitType.Hour, SpecifiedOutcome.PersonalHygiene),
    ];

    private static readonly Deployment[] Deployments =
    [
        Deployment.DirectPayment, Deployment.DirectPayment, Deployment.DirectPayment, Deployment.DirectPayment,
        Deployment.CouncilManaged, Deployment.CouncilManaged, Deployment.CouncilManaged,
        Deployment.IndividualServiceFund, Deployment.CouncilCommissioned, Deployment.CouncilCommissioned,
    ];

    private static readonly string[] ExtraOutcome = ["To find some work or volunteering"];

    private static readonly IReadOnlyList<RasQuestion> Questions = DefaultRas.Definition.Questions;

    private Person? person;
    private int team;
    private BenchStaff? keyWorker;
    private bool practitionersOwn;
    private PathwayEpisode episode = null!;
    private PathwayStep step = null!;
    private DateOnly referralDate;
    private DateOnly eligibilityDate;
    private DateTimeOffset t0;
    private List<SpecifiedOutcome> eligibleNeeds = [];

    private DateOnly Today => UkTime.DateOf(anchor);

    /// <summary>The budget in place (being reviewed or not) the last <see cref="Build"/> ended with, when it ended with one.</summary>
    public PersonalBudget? BudgetInPlace { get; private set; }

    /// <summary>Returns <see cref="BudgetInPlace"/> and forgets it (a person made without a pathway does not call <see cref="Build"/>).</summary>
    public PersonalBudget? TakeBudgetInPlace()
    {
        var budget = BudgetInPlace;
        BudgetInPlace = null;
        return budget;
    }

    /// <summary>When <see cref="BudgetInPlace"/> was approved, and by whom.</summary>
    public DateTimeOffset BudgetApprovedAt { get; private set; }

    public Actor? BudgetDecider { get; private set; }

    private DateOnly AssessmentDue => DueDates.For(PathwayStage.NeedsAssessment, referralDate, Standards, Holidays, referralDate);

    /// <summary>Builds the pathway of one person to the target.</summary>
    public void Build(Person who, int teamIndex, BenchStaff? worker, Target target, bool ownedByKeyWorker)
    {
        person = who;
        BudgetInPlace = null;
        team = teamIndex;
        keyWorker = worker;
        practitionersOwn = ownedByKeyWorker;

        // Durations (days) of each stage before the target, and how long the current stage has been open.
        var toAssessment = 1 + random.Next(6);
        var assessing = 10 + random.Next(19);
        var deciding = 1 + random.Next(6);
        var budgeting = 1 + random.Next(6);
        var planning = 10 + random.Next(26);
        var approving = 2 + random.Next(8);
        var cycles = target switch
        {
            Target.BudgetInPlace => random.Next(3),
            Target.Review => random.Next(3),
            Target.EndedAfterReview => random.Next(3),
            _ => 0,
        };
        var firstReviewOpens = 56 - random.Next(10);
        var laterReviewOpens = 180 + random.Next(180);
        var reviewing = 3 + random.Next(13);
        var beforeCurrent = target switch
        {
            Target.Referral => 0,
            Target.NeedsAssessment => toAssessment,
            Target.Eligibility or Target.EndedNotEligible => toAssessment + assessing,
            Target.IndicativeBudget => toAssessment + assessing + deciding,
            Target.SupportPlanning => toAssessment + assessing + deciding + budgeting,
            Target.Approval => toAssessment + assessing + deciding + budgeting + planning,
            _ => toAssessment + assessing + deciding + budgeting + planning + approving
                 + (cycles > 0 ? firstReviewOpens + reviewing + ((cycles - 1) * (laterReviewOpens + reviewing)) : 0)
                 + (target is Target.Review or Target.EndedAfterReview ? (cycles == 0 ? firstReviewOpens : laterReviewOpens) : 0),
        };
        var sinceOpened = target switch
        {
            Target.Referral => random.Next(9),
            Target.NeedsAssessment => random.Next(41),
            Target.Eligibility or Target.IndicativeBudget => random.Next(13),
            Target.SupportPlanning => random.Next(46),
            Target.Approval => random.Next(21),
            Target.BudgetInPlace => random.Next(cycles == 0 ? firstReviewOpens + 8 : laterReviewOpens + 8),
            Target.Review => random.Next(31),
            _ => 5 + random.Next(300),
        };
        t0 = anchor.AddDays(-(beforeCurrent + sinceOpened)).AddMinutes(-random.Next(600));
        var t = 0;
        Refer(At(t));
        if (target == Target.Referral)
        {
            Finish();
            return;
        }

        t += toAssessment;
        var assessment = StartAssessment(At(t));
        if (target == Target.NeedsAssessment)
        {
            Finish();
            return;
        }

        var eligible = target != Target.EndedNotEligible;
        t += assessing;
        CompleteAssessment(assessment, At(t), eligible);
        MoveTo(PathwayStage.Eligibility, At(t), InPerson, random.Next(10) == 0 ? null : Owner(), DueDates.For(PathwayStage.Eligibility, Date(At(t)), Standards, Holidays), assessment.Id);
        if (target == Target.Eligibility)
        {
            Finish();
            return;
        }

        if (!eligible)
        {
            t += deciding;
            var refusal = EligibilityDetermination.Confirm(assessment, false, "Only one outcome cannot be achieved and the impact on wellbeing is not significant", "Advice on local groups and the recovery college; get in touch again if things change", Actor, At(t));
            data.Add(refusal);
            data.Add(BudgetOffer.Record(who.Id, OfferStage.Eligibility, assessment.Id, null, false, null, NotOfferedReason.NotEligible, "Not eligible: advice on other support given", Actor, Profession, org.Teams[team].Id, At(t)));
            step.Complete(InPerson, null, Actor, At(t));
            episode.End(PathwayEndReason.NoEligibleNeeds, null, Actor, At(t));
            return;
        }

        t += deciding;
        DecideEligibility(assessment, At(t));
        if (target == Target.IndicativeBudget)
        {
            Finish();
            return;
        }

        t += budgeting;
        var indicative = GiveIndicativeBudget(assessment, At(t));
        MoveTo(PathwayStage.SupportPlanning, At(t), InPerson, Owner(), DueDates.For(PathwayStage.SupportPlanning, eligibilityDate, Standards, Holidays), null);
        if (target == Target.SupportPlanning)
        {
            if (random.Next(2) == 0)
            {
                var draft = SupportPlan.Start(who.Id, episode.Id, indicative.Id, indicative.WeeklyAmount, Actor, At(t + 2));
                draft.SetSection(PlanSection.AboutMe, "I live on my own and I love music.", PlanContributor.Person, draft.Revision, Actor, At(t + 2));
                step.AttachSubject(draft.Id);
                data.Add(draft);
            }

            Finish();
            return;
        }

        t += planning;
        var section117 = who.Section117InForceOn(Date(At(t)));
        var plan = WritePlan(indicative, At(t - planning + 3), At(t), section117);
        var route = DelegatedLimits.RouteFor(plan.WeeklyCost, plan.SignificantRisk == true, Standards.TeamManagerWeeklyLimit);
        var due = DueDates.For(PathwayStage.Approval, Date(At(t)), Standards, Holidays);
        var request = ApprovalRequest.Create(plan.Id, plan.Number, who.Id, plan.AuthorId, route, plan.WeeklyCost, due, Actor, At(t));
        data.Add(request);
        var decider = route == ApprovalRoute.TeamManager ? (team == 0 ? org.Approver : org.Managers[team]) : org.PanelMembers[random.Next(org.PanelMembers.Count)];
        MoveTo(PathwayStage.Approval, At(t), InPerson, decider.Ref(), due, request.Id);
        if (target == Target.Approval)
        {
            if (route != ApprovalRoute.TeamManager && random.Next(2) == 0)
            {
                request.PlaceOnAgenda(MeetingAfter(DelegatedLimits.PanelFor(route)!.Value, Date(At(t))));
            }

            Finish();
            return;
        }

        t += approving;
        PanelSitting? sitting = null;
        if (route != ApprovalRoute.TeamManager)
        {
            var meeting = MeetingAfter(DelegatedLimits.PanelFor(route)!.Value, Date(At(t - approving)));
            request.PlaceOnAgenda(meeting);
            // Decided at the meeting, with who attended (a panel cannot decide before its meeting's date).
            var day = Date(At(t));
            sitting = new PanelSitting(meeting.MeetingDate, day < meeting.MeetingDate ? meeting.MeetingDate : day,
                "Head of adult social care (chair), finance officer, senior practitioner");
        }

        request.Decide(ApprovalOutcome.Approved, "The plan meets the eligible needs, the person agrees with it and the cost is reasonable.", null,
            request.Revision, decider.User.Id, decider.Roles, Standards.TeamManagerWeeklyLimit, decider.Actor(), At(t), sitting);
        plan.MarkApproved(decider.Actor(), At(t));
        data.Add(Notification.Create(plan.AuthorId, who.Id, step.Id, "A decision on a support plan you wrote is ready", $"/Approvals/{request.Id}", At(t)));
        var start = Date(At(t)).AddDays(7);
        var statement = BudgetStatement.Calculate(plan.Elements, plan.AssessedContributionWeekly, plan.NhsShareWeekly, section117);
        var budget = PersonalBudget.Create(who.Id, plan.Id, plan.Number, request.Id, start, statement, decider.Actor(), At(t));
        data.Add(budget);
        MoveTo(PathwayStage.BudgetInPlace, At(t), InPerson, Owner(), DueDates.For(PathwayStage.BudgetInPlace, start, Standards, Holidays), budget.Id, decider.Actor());
        var approvedAt = At(t);
        for (var c = 0; c <= cycles; c++)
        {
            if (c == cycles && target == Target.BudgetInPlace)
            {
                Finish();
                (BudgetInPlace, BudgetApprovedAt, BudgetDecider) = (budget, approvedAt, decider.Actor());
                return;
            }

            t += c == 0 ? firstReviewOpens : laterReviewOpens;
            var review = Review.Open(who.Id, episode.Id, plan.Id, budget.Id, plan.Outcomes.Select(o => (o.Id, o.Text)), ReviewReason.Scheduled, null, step.DueDate, Actor, At(t), InPerson);
            review.TakeDomainEvents();
            data.Add(review);
            MoveTo(PathwayStage.Review, At(t), InPerson, Owner(), step.DueDate < Date(At(t)) ? Date(At(t)).AddDays(14) : step.DueDate, review.Id);
            if (c == cycles && target == Target.Review)
            {
                Finish();
                (BudgetInPlace, BudgetApprovedAt, BudgetDecider) = (budget, approvedAt, decider.Actor());
                return;
            }

            t += reviewing;
            foreach (var outcome in plan.Outcomes)
            {
                review.RecordOutcome(outcome.Id, random.Next(3) switch { 0 => OutcomeAchieved.Fully, 1 => OutcomeAchieved.Partly, _ => OutcomeAchieved.Not }, null, review.Revision, Actor, At(t));
            }

            review.RecordFindings(InPerson, [], "Regular support is helping; getting out more", "Nothing", plan.HasDirectPayment ? true : null, plan.HasDirectPayment, review.Revision, Actor, At(t));
            if (c == cycles)
            {
                review.Complete(ReviewDecision.EndSupport, "The person's goals are met and they want to manage without support", review.Revision, Actor, At(t));
                step.Complete(InPerson, null, Actor, At(t));
                episode.End(PathwayEndReason.EndedAfterReview, null, Actor, At(t));
                budget.End(Date(At(t)));
                return;
            }

            review.Complete(ReviewDecision.Continue, null, review.Revision, Actor, At(t));
            MoveTo(PathwayStage.BudgetInPlace, At(t), InPerson, Owner(), DueDates.NextReview(Date(At(t)), start, plan.HasDirectPayment, Standards), budget.Id);
        }
    }

    private Actor Actor => (keyWorker ?? org.Practitioners[team][1]).Actor();

    private Profession Profession => (keyWorker ?? org.Practitioners[team][1]).User.Profession;

    private DateTimeOffset At(int day) => t0.AddDays(day);

    private static DateOnly Date(DateTimeOffset at) => UkTime.DateOf(at);

    /// <summary>The owner of a new step: the key worker, or a colleague in the team; now and then nobody yet.</summary>
    private StaffRef? Owner()
    {
        if (practitionersOwn)
        {
            return keyWorker!.Ref();
        }

        if (random.Next(100) < 6)
        {
            return null;
        }

        var team0 = org.Practitioners[team];
        return keyWorker is not null && random.Next(5) != 0 ? keyWorker.Ref() : team0[1 + random.Next(team0.Count - 1)].Ref();
    }

    private void Refer(DateTimeOffset at)
    {
        referralDate = Date(at);
        episode = PathwayEpisode.Open(person!.Id, referralDate, "Referred for an assessment of social care needs.", Actor, at);
        data.Add(episode);
        OpenStep(PathwayStage.Referral, Owner(), AssessmentDue, null, Actor, at);
        step.RecordPersonsPart(ByPhone, Actor, at);
    }

    private void MoveTo(PathwayStage to, DateTimeOffset at, PersonsPart part, StaffRef? owner, DateOnly due, Guid? subjectId, Actor? by = null)
    {
        step.Complete(part, null, by ?? Actor, at);
        episode.MoveTo(to, by ?? Actor, at);
        OpenStep(to, owner, due, subjectId, by ?? Actor, at);
    }

    /// <summary>Opens a step; about one in twelve went first to a colleague and was handed over (a step owner change).</summary>
    private void OpenStep(PathwayStage stage, StaffRef? owner, DateOnly due, Guid? subjectId, Actor by, DateTimeOffset at)
    {
        var colleagues = org.Practitioners[team];
        var first = colleagues[1 + random.Next(colleagues.Count - 1)];
        if (owner is null || random.Next(12) != 0 || first.User.Id == owner.Id)
        {
            step = PathwayStep.Open(episode, stage, owner, due, subjectId, by, at);
            data.Add(step);
            return;
        }

        step = PathwayStep.Open(episode, stage, first.Ref(), due, subjectId, by, at);
        data.Add(step);
        data.Add(step.AssignOwner(owner, "Caseload rebalanced by the team manager", step.Revision, org.Managers[team].Actor(), at.AddHours(2)));
    }

    private Assessment StartAssessment(DateTimeOffset at)
    {
        var owner = keyWorker ?? org.Practitioners[team][1 + random.Next(org.Practitioners[team].Count - 1)];
        var a = Assessment.Start(person!.Id, AssessmentKind.Adult, owner.User.Id, AssessmentDue, Actor, at);
        a.UpdateAbout(random.Next(5) == 0 ? AssessmentType.SupportedSelfAssessment : AssessmentType.FaceToFace, owner.User.Id, AssessmentDue, a.Revision, Actor, at);
        a.UpdateParticipation("The person and their key worker", Participation.InPerson, null, a.Revision, Actor, at);
        a.UpdateWhatMatters("I want to look after myself and my home again, and not be so alone", "Cook for myself; get out of the flat; see friends", a.Revision, Actor, at);
        data.Add(a);
        MoveTo(PathwayStage.NeedsAssessment, at, InPerson, practitionersOwn ? keyWorker!.Ref() : owner.Ref(), AssessmentDue, a.Id);
        return a;
    }

    private void CompleteAssessment(Assessment a, DateTimeOffset at, bool eligible)
    {
        var unableCount = eligible ? 2 + random.Next(3) : 1;
        var unable = AllOutcomes.OrderBy(_ => random.Next()).Take(unableCount).ToHashSet();
        a.UpdateNeedsOrigin(true, ImpairmentKinds.MentalIllness, null, a.Revision, Actor, at);
        foreach (var outcome in AllOutcomes)
        {
            var isUnable = unable.Contains(outcome);
            a.SetOutcome(outcome, isUnable ? [HowManaged.OnlyWithAssistance, HowManaged.SignificantPainDistressOrAnxiety] : [HowManaged.WithoutDifficulty],
                isUnable ? "Manages only with prompting and support, and with much anxiety" : null, a.Revision, Actor, at);
        }

        a.UpdateFluctuation(true, "The last 6 months", "Much harder in weeks when low mood returns", a.Revision, Actor, at);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w,
            w => (w is WellbeingArea.HealthAndEmotionalWellbeing || (eligible && w == WellbeingArea.Relationships) ? (eligible ? WellbeingImpact.Significant : WellbeingImpact.Some) : WellbeingImpact.Some, (string?)null)), a.Revision, Actor, at);
        a.UpdateCarer(random.Next(4) == 0 ? YesNoUnknown.Yes : YesNoUnknown.No, null, a.Revision, Actor, at);
        a.UpdateAdvocacy(false, null, a.Revision, Actor, at);
        a.Complete(a.Revision, Actor, at);
        eligibleNeeds = unable.OrderBy(o => o).ToList();
    }

    private void DecideEligibility(Assessment assessment, DateTimeOffset at)
    {
        var determination = EligibilityDetermination.Confirm(assessment, true, "The needs have a significant impact on the person's wellbeing", null, Actor, at);
        if (!determination.Eligible)
        {
            throw new InvalidOperationException("A generated person meant to be eligible is not");
        }

        data.Add(determination);
        data.Add(BudgetOffer.Record(person!.Id, OfferStage.Eligibility, assessment.Id, null, true, OfferResponse.WantsTimeToDecide, null,
            "Explained personal budgets and direct payments, with the easy-read leaflet", Actor, Profession, org.Teams[team].Id, at));
        eligibilityDate = Date(at);
        MoveTo(PathwayStage.IndicativeBudget, at, InPerson, Owner(), DueDates.For(PathwayStage.IndicativeBudget, Date(at), Standards, Holidays), null);
    }

    private IndicativeBudget GiveIndicativeBudget(Assessment assessment, DateTimeOffset at)
    {
        var answers = Questions.ToDictionary(q => q.Id, q => q.Answers[Math.Min(q.Answers.Count - 1, random.Next(q.Answers.Count))].Id);
        var budget = IndicativeBudget.Calculate(person!.Id, assessment.Id, ras, answers, CompletedWith.PractitionerWithPerson, Actor, at);
        data.Add(budget);
        step.AttachSubject(budget.Id);
        var response = random.Next(10) switch
        {
            < 4 => OfferResponse.InterestedInDirectPayment,
            < 7 => OfferResponse.PrefersCouncilArranged,
            _ => OfferResponse.WantsTimeToDecide,
        };
        data.Add(BudgetOffer.Record(person.Id, OfferStage.IndicativeBudget, assessment.Id, budget.Id, true, response, null,
            "Went through the indicative amount and how it was worked out", Actor, Profession, org.Teams[team].Id, at));
        return budget;
    }

    private SupportPlan WritePlan(IndicativeBudget budget, DateTimeOffset started, DateTimeOffset submitted, bool section117)
    {
        var plan = SupportPlan.Start(person!.Id, episode.Id, budget.Id, budget.WeeklyAmount, Actor, started);
        step.AttachSubject(plan.Id);
        plan.SetSection(PlanSection.AboutMe, "I live on my own in a flat near the park. I used to work in a bakery and I love music.", PlanContributor.Person, plan.Revision, Actor, started);
        plan.SetSection(PlanSection.WhatMatters, "Feeling useful, seeing my family, and not being stuck indoors.", PlanContributor.Person, plan.Revision, Actor, started);
        plan.SetOutcomes(["To cook a hot meal for myself most days", "To see my friends again", .. random.Next(2) == 0 ? ExtraOutcome : []], PlanContributor.Person, plan.Revision, Actor, started);
        var target = budget.WeeklyAmount * (0.85m + (random.Next(31) / 100m));
        var chosen = new List<PlanElement>();
        var elementCount = Math.Max(1, eligibleNeeds.Count - random.Next(2));
        var firstService = random.Next(Services.Length);
        for (var i = 0; i < Math.Min(elementCount, 3); i++)
        {
            var need = eligibleNeeds[i % eligibleNeeds.Count];
            var service = Services[(firstService + i) % Services.Length];
            var share = target / Math.Min(elementCount, 3);
            var units = Math.Max(1m, Math.Round(share / service.UnitCost, 1));
            chosen.Add(PlanElement.Create(null, service.Description, service.Category, service.Provider, service.UnitCost, service.Unit, units,
                Date(submitted).AddDays(14), null, Deployments[random.Next(Deployments.Length)], need));
        }

        foreach (var need in eligibleNeeds)
        {
            var how = chosen.Where(e => e.MeetsNeed == need).Select(e => e.Description).ToList();
            plan.SetNeed(need, how.Count == 0 ? "Met by the key worker's regular visits and the support below" : $"Met by: {string.Join("; ", how)}", PlanContributor.Practitioner, plan.Revision, Actor, started);
        }

        foreach (var element in chosen)
        {
            plan.SaveElement(element, plan.Revision, Actor, started);
        }

        var significantRisk = random.Next(25) == 0;
        plan.SaveRisk(PlanRisk.Create(null, "Going out alone when anxious", significantRisk ? RiskLevel.High : RiskLevel.Medium, isPositiveRisk: true,
            "Start with short trips with support; agree a phone check-in", "The person and their support worker"), plan.Revision, Actor, started);
        plan.SetSection(PlanSection.Contingency, "If I become unwell, call my key worker or the crisis line.", PlanContributor.Person, plan.Revision, Actor, started);
        var contribution = section117 ? 0m : random.Next(3) == 0 ? 0m : Math.Round(plan.WeeklyCost * 0.1m, 2);
        var variance = PlanCosting.NeedsVarianceReason(plan.WeeklyCost, budget.WeeklyAmount, Standards.PlanVariancePercent)
            ? "The support needed in the first months costs more than the indicative amount" : null;
        plan.SetFunding(contribution, section117 ? Math.Round(plan.WeeklyCost / 2, 2) : 0m, variance, significantRisk, section117, plan.Revision, Actor, started);
        plan.RecordAgreement(PlanAgreement.Agreed, null, InPerson, [], plan.Revision, Actor, submitted);
        plan.Submit(eligibleNeeds.Select(EligibleNeed.Of).ToList(), Standards.PlanVariancePercent, section117, plan.Revision, Actor, submitted);
        data.Add(plan);
        return plan;
    }

    private PanelMeeting MeetingAfter(PanelKind kind, DateOnly day) =>
        meetings.FirstOrDefault(m => m.Kind == kind && m.MeetingDate >= day) ?? meetings.Last(m => m.Kind == kind);

    /// <summary>An overdue open step has been escalated: its owner (and for some the team manager) has a notification.</summary>
    private void Finish()
    {
        if (step.IsOverdue(Today))
        {
            var escalated = step.DueDate.AddDays(1).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc);
            var at = new DateTimeOffset(escalated, TimeSpan.Zero);
            step.MarkEscalated(at);
            var message = $"{step.Stage.Label()} for a person is overdue since {UkFormat.Date(step.DueDate)}";
            if (step.OwnerId is { } owner)
            {
                var n = Notification.Create(owner, person!.Id, step.Id, message, $"/People/{person.Id}/Pathway", at);
                if (random.Next(3) == 0)
                {
                    n.MarkRead(at.AddHours(3));
                }

                data.Add(n);
            }

            if (step.OwnerId is null || random.Next(3) == 0)
            {
                data.Add(Notification.Create(org.Managers[team].User.Id, person!.Id, step.Id, message, $"/People/{person.Id}/Pathway", at));
            }
        }
    }
}
