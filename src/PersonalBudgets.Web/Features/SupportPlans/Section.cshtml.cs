using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.SupportPlans;

/// <summary>A written part of the plan: about me, what matters to me, or the contingency and crisis plan.</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class SectionModel(SupportPlanService plans) : PlanPageModel(plans)
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public PlanContributor? WrittenBy { get; set; }

    public PlanSection Section { get; private set; }

    public string Guidance => Section switch
    {
        PlanSection.AboutMe => "Who the person is, their life, history and the people who matter to them, as they would describe it.",
        PlanSection.WhatMatters => "What matters most to the person now, and what a good day looks like for them.",
        _ => "What happens if support breaks down or the person's mental health gets worse: early signs, who to contact, what helps and what does not.",
    };

    public string Hint => Section == PlanSection.Contingency
        ? "Include names and numbers of who to contact, day and night"
        : "Write it in the person's own words where you can";

    public async Task OnGetAsync(Guid planId, string section)
    {
        Section = Parse(section);
        await LoadAsync(planId, fromRecord: true);
        var saved = Plan.Sections.FirstOrDefault(s => s.Section == Section);
        Text = saved?.Text;
        WrittenBy = saved?.WrittenBy;
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, string section)
    {
        Section = Parse(section);
        return await SaveAndRedirectAsync(() => Plans.SetSectionAsync(planId, Section, Text, WrittenBy, Revision), Links.PlanOverview(planId));
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Section = Parse(reload.Get<string>("section"));
    }

    private static PlanSection Parse(string section) =>
        Enum.TryParse<PlanSection>(section, ignoreCase: false, out var s) && Enum.IsDefined(s) ? s : throw new NotFoundException("The section");
}
