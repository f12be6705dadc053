using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Assessments;

/// <summary>The impact on each of the nine wellbeing areas (Care Act s1(2)), on one page.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class WellbeingModel(AssessmentService assessments) : AssessmentPageModel(assessments)
{
    public sealed class AreaInput
    {
        public WellbeingArea Area { get; set; }
        public WellbeingImpact? Impact { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty]
    public List<AreaInput> Areas { get; set; } = [];

    public override AssessmentSection? Section => AssessmentSection.Wellbeing;

    public async Task OnGetAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: true);
        Areas = Enum.GetValues<WellbeingArea>().Select(area =>
        {
            var w = Assessment.Wellbeing.SingleOrDefault(x => x.Area == area);
            return new AreaInput { Area = area, Impact = w?.Impact, Note = w?.Note };
        }).ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        await LoadAsync(id, fromRecord: false);
        InFixedOrder();
        for (var i = 0; i < Areas.Count; i++)
        {
            // A note with no impact would be lost: ask for the impact instead.
            if (Areas[i].Impact is null && !string.IsNullOrWhiteSpace(Areas[i].Note))
            {
                ModelState.AddModelError($"Areas[{i}].Impact", $"Select the impact on {Areas[i].Area.Label().ToLowerInvariant()}, or remove the note");
            }
        }

        var findings = Areas.Where(a => a.Impact is not null).ToDictionary(a => a.Area, a => (a.Impact!.Value, a.Note));
        return await SaveAndRedirectAsync(() => Assessments.SetWellbeingAsync(id, Revision, findings), Links.AssessmentOverview(id));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        InFixedOrder();
    }

    /// <summary>The domain names note errors Note_{area}; on this page they belong to Areas[i].Note.</summary>
    protected override string ErrorKey(string field) =>
        field.StartsWith("Note_", StringComparison.Ordinal) && Enum.TryParse<WellbeingArea>(field["Note_".Length..], out var area)
            ? $"Areas[{Array.IndexOf(Enum.GetValues<WellbeingArea>(), area)}].Note"
            : field;

    /// <summary>Every area is shown in its fixed order, whatever was posted.</summary>
    private void InFixedOrder()
    {
        var posted = Areas;
        Areas = Enum.GetValues<WellbeingArea>().Select(area => posted.FirstOrDefault(p => p.Area == area) ?? new AreaInput { Area = area }).ToList();
    }
}
