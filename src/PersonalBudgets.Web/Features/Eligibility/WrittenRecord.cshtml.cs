using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Eligibility;

/// <summary>
/// The written record of an eligibility decision (Care Act s13), in plain English for the person or carer, to print
/// or save. Viewing it is audited.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class WrittenRecordModel(EligibilityService eligibility, Letters.LetterService letters) : GovukPageModel
{
    public Letters.LetterHeading Heading { get; private set; } = null!;

    public WrittenRecordView View { get; private set; } = null!;

    public Assessment Assessment => View.Assessment;

    public EligibilityDetermination Decision => View.Determination;

    public bool IsCarer => Assessment.Kind == AssessmentKind.Carer;

    /// <summary>Who the record is addressed to: the person, or the carer for a carer's assessment.</summary>
    public string Recipient => IsCarer ? Assessment.CarerName ?? "" : View.Person.DisplayName;

    /// <summary>The outcomes the person cannot achieve, as recorded in the assessment, in the regulations' order.</summary>
    public IReadOnlyList<AssessmentOutcome> OutcomesNotAchieved => Assessment.Outcomes
        .Where(o => o.CountsAsUnable)
        .OrderBy(o => o.Outcome)
        .ToList();

    public IReadOnlyList<CarerOutcomeFinding> CarerOutcomesNotAchieved => Assessment.CarerOutcomes
        .Where(o => o.CountsAsUnable)
        .OrderBy(o => o.Outcome)
        .ToList();

    /// <summary>The date in the UK, without the time: a letter is dated, not timed.</summary>
    public static string DateOf(DateTimeOffset instant) => UkFormat.DateTime(instant).Split(" at ")[0];

    public async Task OnGetAsync(Guid id)
    {
        View = await eligibility.WrittenRecordAsync(id);
        Heading = await letters.HeadingAsync(View.Person.Id, $"ELIG-{UkTime.DateOf(Decision.ConfirmedAt):yyyyMMdd}", IsCarer ? Recipient : null, HttpContext.RequestAborted);
    }
}
