using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The first page of the outcomes section: whether the needs arise from an impairment or illness (reg 2(1)(a)), and of which kinds.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class NeedsOriginModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    [Required(ErrorMessage = "Select yes if the needs arise from or relate to a physical or mental impairment or illness")]
    public bool? NeedsArisefromImpairmentOrIllness { get; set; }

    [BindProperty]
    public List<ImpairmentKinds> ImpairmentKinds { get; set; } = [];

    [BindProperty]
    public string? ImpairmentOther { get; set; }

    public static IReadOnlyList<SelectListItem> KindItems { get; } = Enum.GetValues<ImpairmentKinds>()
        .Where(k => k != Core.Assessments.ImpairmentKinds.None).Select(k => new SelectListItem(k.Label(), k.ToString())).ToList();

    public override AssessmentSection? Section => AssessmentSection.Outcomes;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        NeedsArisefromImpairmentOrIllness = Assessment.NeedsArisefromImpairmentOrIllness;
        ImpairmentKinds = Enum.GetValues<ImpairmentKinds>().Where(k => k != Core.Assessments.ImpairmentKinds.None && Assessment.ImpairmentKinds.HasFlag(k)).ToList();
        ImpairmentOther = Assessment.ImpairmentOther;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateNeedsOriginAsync(id, Revision, NeedsArisefromImpairmentOrIllness!.Value,
            ImpairmentKinds.Aggregate(Core.Assessments.ImpairmentKinds.None, (all, k) => all | k), ImpairmentOther),
            Links.AssessmentOutcome(id, Enum.GetValues<SpecifiedOutcome>()[0]));
    }
}
