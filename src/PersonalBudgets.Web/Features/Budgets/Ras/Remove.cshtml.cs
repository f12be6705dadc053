using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Budgets.Ras;

/// <summary>
/// Asks before removing a question, an answer or a band from a draft (issue 11, item 13: removals are links to a
/// confirmation page, as change links are). Which one comes from the query: a question, a question and one of its
/// answers, or a band's position. Works without JavaScript; the draft's revision guards against a stale page.
/// </summary>
[RequirePermission(Permission.ManageRas)]
public sealed class RemoveModel(RasService ras) : RasDraftPageModel(ras)
{
    /// <summary>What is being removed, e.g. "answer 2 of question 1".</summary>
    public string What { get; private set; } = "";

    /// <summary>The removed thing as the editor shows it, for the summary list.</summary>
    public IReadOnlyList<(string Key, string Value)> Details { get; private set; } = [];

    public async Task OnGetAsync(Guid id, string? questionId, string? answerId, int? band)
    {
        await LoadDraftAsync(id, fromRecord: true);
        Describe(questionId, answerId, band);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? questionId, string? answerId, int? band)
    {
        await LoadDraftAsync(id, fromRecord: false);
        Describe(questionId, answerId, band);
        var done = $"{char.ToUpperInvariant(What[0])}{What[1..]} removed";
        return await SaveAndRedirectAsync(
            () => band is { } b ? Ras.RemoveBandAsync(id, Revision, b)
                : answerId is null ? Ras.RemoveQuestionAsync(id, Revision, questionId!)
                : Ras.RemoveAnswerAsync(id, Revision, questionId!, answerId),
            () => Url.Page("/Budgets/Ras/Version", new { id })!,
            done);
    }

    protected override async Task OnReloadAsync(PageReload reload)
    {
        await base.OnReloadAsync(reload);
        Describe(reload.Find<string>("questionId"), reload.Find<string>("answerId"), reload.Find<int?>("band"));
    }

    private void Describe(string? questionId, string? answerId, int? band)
    {
        var d = Definition;
        if (band is { } b)
        {
            if (b < 0 || b >= d.Conversion.Bands.Count)
            {
                throw new NotFoundException("The band");
            }

            var x = d.Conversion.Bands[b];
            What = $"the band from {x.FromPoints} to {x.ToPoints} points";
            Details = [("From (points)", x.FromPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("To (points)", x.ToPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Weekly amount", UkFormat.Money(x.WeeklyAmount))];
            return;
        }

        var qi = questionId is null ? -1 : d.Questions.ToList().FindIndex(q => q.Id == questionId);
        if (qi < 0)
        {
            throw new NotFoundException("The question");
        }

        var question = d.Questions[qi];
        if (answerId is null)
        {
            What = $"question {qi + 1}";
            Details = [("Question", question.Text), ("Answers", question.Answers.Count == 0 ? "None" : string.Join("; ", question.Answers.Select(a => a.Text)))];
            return;
        }

        var ai = question.Answers.ToList().FindIndex(a => a.Id == answerId);
        if (ai < 0)
        {
            throw new NotFoundException("The answer");
        }

        var answer = question.Answers[ai];
        What = $"answer {ai + 1} of question {qi + 1}";
        Details = [("Question", question.Text), ("Answer", answer.Text), ("Points", answer.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Deduction", $"{NumberInput.ShowPercent(answer.DeductionPercent)}%")];
    }
}
