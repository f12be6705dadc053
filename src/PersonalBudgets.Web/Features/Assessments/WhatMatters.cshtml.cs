using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

[RequirePermission(Permission.AssessPeople)]
public sealed class WhatMattersModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    [BindProperty]
    public string? WhatMattersInOwnWords { get; set; }

    [BindProperty]
    public string? OutcomesWanted { get; set; }

    public override AssessmentSection? Section => AssessmentSection.WhatMatters;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        WhatMattersInOwnWords = Assessment.WhatMattersInOwnWords;
        OutcomesWanted = Assessment.OutcomesWanted;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        return await SaveAndRedirectAsync(() => Assessments.UpdateWhatMattersAsync(id, Revision, WhatMattersInOwnWords, OutcomesWanted), Links.AssessmentOverview(id));
    }
}
