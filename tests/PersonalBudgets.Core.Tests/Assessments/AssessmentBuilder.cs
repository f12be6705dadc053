using PersonalBudgets.Core.Assessments;
using static PersonalBudgets.Core.Tests.Pathways.TestActors;

namespace PersonalBudgets.Core.Tests.Assessments;

/// <summary>Completed adult needs assessments for the cross-record rule tests.</summary>
public static class AssessmentBuilder
{
    /// <summary>A completed needs assessment where the person is unable to achieve <paramref name="unable"/> and achieves the rest.</summary>
    public static Assessment Completed(Guid personId, params SpecifiedOutcome[] unable) => Completed(personId, WellbeingImpact.Some, unable);

    /// <summary>As <see cref="Completed(Guid, SpecifiedOutcome[])"/>, with every wellbeing area recorded at <paramref name="impact"/>.</summary>
    public static Assessment Completed(Guid personId, WellbeingImpact impact, params SpecifiedOutcome[] unable)
    {
        var actor = Priya.Actor();
        var due = Today.AddDays(10);
        var a = Assessment.Start(personId, AssessmentKind.Adult, Priya.Id, due, actor, Now);
        a.UpdateAbout(AssessmentType.FaceToFace, Priya.Id, due, a.Revision, actor, Now);
        a.UpdateParticipation("The person", Participation.InPerson, null, a.Revision, actor, Now);
        a.UpdateWhatMatters("In my words", "Outcomes", a.Revision, actor, Now);
        a.UpdateFluctuation(false, null, null, a.Revision, actor, Now);
        a.SetWellbeing(Enum.GetValues<WellbeingArea>().ToDictionary(w => w, _ => (impact, (string?)null)), a.Revision, actor, Now);
        a.UpdateAdvocacy(false, null, a.Revision, actor, Now);
        a.UpdateNeedsOrigin(true, ImpairmentKinds.MentalIllness, null, a.Revision, actor, Now);
        foreach (var outcome in Enum.GetValues<SpecifiedOutcome>())
        {
            var isUnable = unable.Contains(outcome);
            a.SetOutcome(outcome, isUnable ? [HowManaged.OnlyWithAssistance] : [HowManaged.WithoutDifficulty], null, a.Revision, actor, Now);
        }

        a.UpdateCarer(YesNoUnknown.No, null, a.Revision, actor, Now);
        a.Complete(a.Revision, actor, Now);
        return a;
    }
}
