using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>Add an answer to a question in a draft, or change one: its wording, points and any informal-support deduction.</summary>
[RequirePermission(Permission.ManageRas)]
public sealed class AnswerModel(RasService ras) : RasDraftPageModel(ras)
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Points { get; set; }

    [BindProperty]
    public string? DeductionPercent { get; set; }

    public RasQuestion Question { get; private set; } = null!;

    public int QuestionNumber { get; private set; }

    public RasAnswer? Existing { get; private set; }

    public async Task OnGetAsync(Guid id, string questionId, string? answerId)
    {
        await LoadDraftAsync(id, fromRecord: true);
        Find(questionId, answerId);
        Text = Existing?.Text;
        Points = Existing?.Points.ToString(System.Globalization.CultureInfo.InvariantCulture);
        DeductionPercent = Existing is null ? "0" : NumberInput.ShowPercent(Existing.DeductionPercent);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string questionId, string? answerId)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Text)) errors.Add(new(nameof(Text), "Enter the answer"));
        var points = NumberInput.Whole(Points, nameof(Points), "Points", errors);
        var deduction = NumberInput.Percent(DeductionPercent, nameof(DeductionPercent), "Deduction for informal support", errors);
        var change = new AnswerChange(Text ?? "", points ?? 0, deduction);
        return await SaveAsync(id, errors,
            () => answerId is null ? Ras.AddAnswerAsync(id, Revision, questionId, change) : Ras.UpdateAnswerAsync(id, Revision, questionId, answerId, change),
            answerId is null ? "Answer added" : "Answer changed");
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Find(reload.Get<string>("questionId"), reload.Find<string>("answerId"));
    }

    private void Find(string questionId, string? answerId)
    {
        var index = Definition.Questions.ToList().FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            throw new NotFoundException("The question");
        }

        Question = Definition.Questions[index];
        QuestionNumber = index + 1;
        if (answerId is not null)
        {
            Existing = Question.Answers.SingleOrDefault(a => a.Id == answerId) ?? throw new NotFoundException("The answer");
        }
    }
}
