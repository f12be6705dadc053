using Microsoft.AspNetCore.Mvc;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Reviews;
using PersonalBudgets.Core.Security;
using PersonalBudgets.Web.Features.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Security;

namespace PersonalBudgets.Web.Features.Reviews;

/// <summary>Starts the scheduled review of the person's plan and budget (the button on the Reviews tab posts here).</summary>
[RequirePermission(Permission.PlanSupport)]
public sealed class StartModel(ReviewService reviews, PersonService people) : GovukPageModel
{
    public ReviewStart? Start { get; private set; }

    public PersonRecord Record { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Record = await people.LoadForEditAsync(id);
        try
        {
            Start = await reviews.StartInfoAsync(id);
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            Refusal = ex.Message;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            var review = await reviews.StartAsync(id, ReviewReason.Scheduled, null);
            Flash($"Scheduled review started, due {UkFormat.Date(review.DueDate)}");
            return Redirect(ReviewRoutes.TaskList(review.Id));
        }
        catch (ValidationFailedException ex)
        {
            AddErrors(ex.Errors);
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Refusal = ex.Message;
        }

        Record = await people.LoadForEditAsync(id);
        return PageWithErrors();
    }
}
