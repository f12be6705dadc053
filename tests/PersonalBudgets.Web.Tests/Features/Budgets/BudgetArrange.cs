using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Budgets;

/// <summary>
/// Arranges eligibility straight in the database through the domain (a completed needs assessment and a confirmed
/// determination), so these tests do not depend on the assessment and eligibility pages.
/// </summary>
public static class BudgetArrange
{

    /// <summary>Records a confirmed eligibility determination for the person: eligible (two outcomes not achieved) or not.</summary>
    public static Task DecideEligibilityAsync(this AppFixture app, DatabaseProvider provider, Guid personId, bool eligible) => app.QueryAsync(provider, async db =>
    {
        var owner = await db.Users.Where(u => u.Email == DemoAccounts.NorthNurse).Select(u => u.Id).SingleAsync();
        var actor = new Actor(owner, DemoAccounts.NorthNurseName);
        var now = DateTimeOffset.UtcNow;
        var due = PersonalBudgets.Core.Common.UkTime.DateOf(now).AddDays(14);
        var a = Assessment.Start(personId, AssessmentKind.Adult, owner, due, actor, now);
        a.UpdateAbout(AssessmentType.FaceToFace, owner, due, a.Revision, actor, now);
        a.UpdateParticipation("The person and their key worker", Participation.InPerson, null, a.Revision, actor, now);
        a.UpdateWhatMatters("Getting back to my allotment", "To go out twice a week", a.Revision, actor, now);
        a.UpdateNeedsOrigin(true, ImpairmentKinds.MentalIllness, null, a.Revision, actor, now);
        var unable = eligible ? 2 : 0;
        foreach (var (outcome, i) in Enum.GetValues<SpecifiedOutcome>().Select((o, i) => (o, i)))
        {
            a.SetOutcome(outcome, i < unable ? [HowManaged.SignificantPainDistressOrAnxiety] : [HowManaged.WithoutDifficulty], null, a.Revision, actor, now);
        }

        a.UpdateFluctuation(false, null, null, a.Revision, actor, now);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w, _ => (WellbeingImpact.Significant, (string?)null)), a.Revision, actor, now);
        a.UpdateCarer(YesNoUnknown.No, null, a.Revision, actor, now);
        a.UpdateAdvocacy(false, null, a.Revision, actor, now);
        a.Complete(a.Revision, actor, now);
        var determination = EligibilityDetermination.Confirm(a, true, "Daily life is severely affected", eligible ? null : "Advice on local groups given", actor, now);
        determination.Eligible.ShouldBe(eligible);
        db.Assessments.Add(a);
        db.EligibilityDeterminations.Add(determination);
        await db.SaveChangesAsync();
        return true;
    });

    public static Task<RasVersion> PublishedRasAsync(this AppFixture app, DatabaseProvider provider) =>
        app.QueryAsync(provider, db => db.RasVersions.AsNoTracking().SingleAsync(v => v.Kind == RasKind.Adult && v.Status == RasVersionStatus.Published));

    /// <summary>The form fields that answer every question with the answer at <paramref name="answerIndex"/> (or the last one).</summary>
    public static (string Name, string? Value)[] AnswerAll(RasDefinition definition, int answerIndex, CompletedWith completedWith = CompletedWith.PractitionerWithPerson) =>
    [
        ("CompletedWith", completedWith.ToString()),
        .. definition.Questions.Select(q => ($"Answers[{q.Id}]", (string?)q.Answers[Math.Min(answerIndex, q.Answers.Count - 1)].Id)),
    ];

    public static Dictionary<string, string> AnswerDictionary(RasDefinition definition, int answerIndex) =>
        definition.Questions.ToDictionary(q => q.Id, q => q.Answers[Math.Min(answerIndex, q.Answers.Count - 1)].Id);
}
