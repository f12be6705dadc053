using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>
/// Arranges assessments straight through the domain and the database (the assessment pages are built separately), as
/// the North nurse would have recorded them.
/// </summary>
public static class CompletedAssessments
{
    public const string OutcomeNote = "Has not cooked a meal for three months; lives on takeaways";
    public const string FluctuationPeriod = "The last 6 months, including two relapses";
    public const string FluctuationPattern = "Manages most weeks; in a relapse stops eating and washing for two or three weeks";


    /// <summary>
    /// An adult's needs assessment in which the first <paramref name="outcomesNotAchieved"/> specified outcomes cannot
    /// be achieved (nutrition first, with a note), completed unless <paramref name="complete"/> is false.
    /// </summary>
    public static Task<Guid> AdultAsync(this AppFixture app, DatabaseProvider provider, Guid personId, int outcomesNotAchieved, bool fromImpairment = true, bool complete = true,
        WellbeingImpact? everyWellbeingArea = null, bool fluctuates = false) =>
        app.QueryAsync(provider, async db =>
        {
            var (actor, now, due) = await ArrangeAsync(db);
            var a = Assessment.Start(personId, AssessmentKind.Adult, actor.UserId, due, actor, now);
            Common(a, actor, now, due, everyWellbeingArea);
            if (fluctuates)
            {
                a.UpdateFluctuation(true, FluctuationPeriod, FluctuationPattern, a.Revision, actor, now);
            }

            a.UpdateNeedsOrigin(fromImpairment, ImpairmentKinds.MentalIllness | ImpairmentKinds.Autism, null, a.Revision, actor, now);
            foreach (var (outcome, i) in Enum.GetValues<SpecifiedOutcome>().Select((o, i) => (o, i)))
            {
                var unable = i < outcomesNotAchieved;
                a.SetOutcome(outcome,
                    !unable ? [HowManaged.WithoutDifficulty] : i == 0 ? [HowManaged.OnlyWithAssistance, HowManaged.SignificantPainDistressOrAnxiety] : [HowManaged.Unable],
                    unable && i == 0 ? OutcomeNote : null, a.Revision, actor, now);
            }

            a.UpdateCarer(YesNoUnknown.No, null, a.Revision, actor, now);
            return await SaveAsync(db, a, actor, now, complete);
        });

    /// <summary>A carer's assessment (the carer of the person) with the given carer outcomes not achieved, completed.</summary>
    public static Task<Guid> CarerAsync(this AppFixture app, DatabaseProvider provider, Guid personId, string carerName, bool healthAtRisk, params CarerOutcome[] outcomesNotAchieved) =>
        app.CarerAsync(provider, personId, carerName, healthAtRisk, fromNecessaryCare: true, outcomesNotAchieved);

    /// <summary>A carer's assessment, saying whether the needs arise from providing necessary care (reg 3(1)(a)).</summary>
    public static Task<Guid> CarerAsync(this AppFixture app, DatabaseProvider provider, Guid personId, string carerName, bool healthAtRisk, bool fromNecessaryCare, params CarerOutcome[] outcomesNotAchieved) =>
        app.QueryAsync(provider, async db =>
        {
            var (actor, now, due) = await ArrangeAsync(db);
            var a = Assessment.Start(personId, AssessmentKind.Carer, actor.UserId, due, actor, now);
            Common(a, actor, now, due);
            a.UpdateCarerNeeds(carerName, "Sister", fromNecessaryCare, healthAtRisk, a.Revision, actor, now);
            foreach (var outcome in Enum.GetValues<CarerOutcome>())
            {
                a.SetCarerOutcome(outcome, outcomesNotAchieved.Contains(outcome) ? [CarerHowManaged.UnableWithoutAssistance] : [CarerHowManaged.WithoutDifficulty], null, a.Revision, actor, now);
            }

            return await SaveAsync(db, a, actor, now, complete: true);
        });

    /// <summary>Records the eligibility decision for an assessment as the North nurse, through the domain.</summary>
    public static Task<bool> DecideAsync(this AppFixture app, DatabaseProvider provider, Guid assessmentId, bool significantImpact = true, string? advice = null) =>
        app.QueryAsync(provider, async db =>
        {
            var (actor, now, _) = await ArrangeAsync(db);
            var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
            var determination = EligibilityDetermination.Confirm(assessment, significantImpact, "Recorded judgement", advice, actor, now);
            db.EligibilityDeterminations.Add(determination);
            await db.SaveChangesAsync();
            return determination.Eligible;
        });

    private static async Task<(Actor Actor, DateTimeOffset Now, DateOnly Due)> ArrangeAsync(PersonalBudgets.Data.PersonalBudgetsDbContext db)
    {
        var nurse = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.NorthNurse);
        var now = DateTimeOffset.UtcNow;
        return (new Actor(nurse.Id, nurse.DisplayName), now, PersonalBudgets.Core.Common.UkTime.DateOf(now).AddDays(28));
    }

    private static void Common(Assessment a, Actor actor, DateTimeOffset now, DateOnly due, WellbeingImpact? everyArea = null)
    {
        a.UpdateAbout(AssessmentType.FaceToFace, actor.UserId, due, a.Revision, actor, now);
        a.UpdateParticipation("The person and their key worker", Participation.InPerson, null, a.Revision, actor, now);
        a.UpdateWhatMatters("I want to get back to my allotment", "Cook for myself again; see my friends", a.Revision, actor, now);
        a.UpdateFluctuation(false, null, null, a.Revision, actor, now);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w, w => (everyArea ?? (w == WellbeingArea.HealthAndEmotionalWellbeing ? WellbeingImpact.Significant : WellbeingImpact.Some), (string?)null)),
            a.Revision, actor, now);
        a.UpdateAdvocacy(false, null, a.Revision, actor, now);
    }

    private static async Task<Guid> SaveAsync(PersonalBudgets.Data.PersonalBudgetsDbContext db, Assessment a, Actor actor, DateTimeOffset now, bool complete)
    {
        if (complete)
        {
            a.Complete(a.Revision, actor, now);
        }

        db.Assessments.Add(a);
        await db.SaveChangesAsync();
        return a.Id;
    }
}
