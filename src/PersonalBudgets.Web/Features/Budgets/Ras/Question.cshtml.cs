using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>Add a question to a draft, or change one's wording and hint.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class QuestionModel(RasService ras) : RasDraftPageModel(ras)
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Hint { get; set; }

    public RasQuestion? Existing { get; private set; }

    public int? Number { get; private set; }

    public async Task OnGetAsync(Guid id, string? questionId)
    {
        await LoadDraftAsync(id, fromRecord: true);
        Find(questionId);
        Text = Existing?.Text;
        Hint = Existing?.Hint;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? questionId) =>
        await SaveAsync(id, [],
            () => questionId is null ? Ras.AddQuestionAsync(id, Revision, Text, Hint) : Ras.UpdateQuestionAsync(id, Revision, questionId, Text, Hint),
            questionId is null ? "Question added. Now add its answers" : "Question changed");

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Find(reload.Find<string>("questionId"));
    }

    private void Find(string? questionId)
    {
        if (questionId is null)
        {
            return;
        }

        var index = Definition.Questions.ToList().FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            throw new NotFoundException("The question");
        }

        Existing = Definition.Questions[index];
        Number = index + 1;
    }
}
