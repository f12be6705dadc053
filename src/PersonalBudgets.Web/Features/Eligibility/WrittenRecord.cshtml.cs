using PersonalBudgets.Core.Assessments;
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
    public WrittenRecordLetter Letter { get; private set; } = null!;

    public WrittenRecordView View => Letter.View;

    public Assessment Assessment => Letter.Assessment;

    /// <summary>Who the record is addressed to: the person, or the carer for a carer's assessment.</summary>
    public string Recipient => Letter.Recipient;

    public async Task OnGetAsync(Guid id)
    {
        var view = await eligibility.WrittenRecordAsync(id);
        var heading = await letters.HeadingAsync(view.Person.Id, WrittenRecordLetter.Reference(view.Determination), WrittenRecordLetter.CarerRecipient(view), HttpContext.RequestAborted);
        Letter = new WrittenRecordLetter(heading, view);
    }
}
