using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Indicative;

/// <summary>The resource allocation questionnaire for an eligible person, from the published version.</summary>
[RequirePermission(Permission.AssessPeople)]
public sealed class NewModel(IndicativeBudgetService budgets) : GovukPageModel
{
    [BindProperty]
    public CompletedWith? CompletedWith { get; set; }

    /// <summary>The chosen answer for each question, by question reference.</summary>
    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    public Questionnaire Questionnaire { get; private set; } = null!;

    public static IEnumerable<SelectListItem> AnswerItems(RasQuestion q) => q.Answers.Select(a => new SelectListItem(a.Text, a.Id));

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var budget = await budgets.CreateAsync(id, Answers, CompletedWith);
        Flash("Indicative budget worked out");
        return RedirectToPage("/Budgets/Indicative/Details", new { id, budgetId = budget.Id });
    }

    protected override Task OnReloadAsync(PageReload reload) => LoadAsync(reload.Get<Guid>("id"));

    private async Task LoadAsync(Guid id)
    {
        Questionnaire = await budgets.QuestionnaireAsync(id);
        foreach (var q in Questionnaire.Version.Definition.Questions)
        {
            // Every question has an entry, so the form can show each one (blank when not yet answered).
            Answers.TryAdd(q.Id, null);
        }
    }
}
