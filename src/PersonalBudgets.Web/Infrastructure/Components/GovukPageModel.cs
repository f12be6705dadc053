using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>Pages with GOV.UK forms: errors go into ModelState by field and the page re-renders with a 400.</summary>
public abstract class GovukPageModel : PageModel
{
    /// <summary>Adds errors under the given prefix (e.g. "Input"), keeping only the first error for each field.</summary>
    protected void AddErrors(IEnumerable<FieldError> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}";
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            ModelState.AddModelError(key, error.Message);
        }
    }

    protected PageResult PageWithErrors()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Shows a success banner on the next page.</summary>
    protected void Flash(string message) => TempData["Flash"] = message;
}
