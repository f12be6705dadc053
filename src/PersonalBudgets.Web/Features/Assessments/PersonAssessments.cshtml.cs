using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The Assessments tab of a person's record: their needs and carer's assessments, every version.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PersonAssessmentsModel(PersonService people, AssessmentService assessments) : GovukPageModel
{
    public PersonRecord Record { get; private set; } = null!;
    public IReadOnlyList<AssessmentSummary> Assessments { get; private set; } = [];
    public bool CanAssess => User.Has(Permission.AssessPeople);

    public async Task OnGetAsync(Guid id)
    {
        Record = await people.ViewAsync(id);
        Assessments = await assessments.ListAsync(id);
    }
}
