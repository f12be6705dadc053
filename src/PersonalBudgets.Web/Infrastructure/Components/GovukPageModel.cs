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
        ViewData[FieldOrderKey] = FieldOrder(GetType(), "");
        return Page();
    }

    /// <summary>Re-renders the page with 409 and the conflict message at the top, keeping what was typed.</summary>
    protected PageResult PageWithConflict(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public const string FieldOrderKey = "pb:field-order";

    /// <summary>
    /// The form's field names in declaration order (bound properties, expanding input classes), so the error summary
    /// lists problems in the order the fields appear, as the design system asks.
    /// </summary>
    private static List<string> FieldOrder(Type type, string prefix)
    {
        var names = new List<string>();
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            var isPageModel = typeof(PageModel).IsAssignableFrom(type);
            if (isPageModel && !property.IsDefined(typeof(Microsoft.AspNetCore.Mvc.BindPropertyAttribute), true))
            {
                continue;
            }

            var name = prefix + property.Name;
            var t = property.PropertyType;
            if (t.IsClass && t != typeof(string) && t != typeof(DateInput) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
            {
                names.AddRange(FieldOrder(t, name + "."));
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Shows a success banner on the next page.</summary>
    protected void Flash(string message) => TempData["Flash"] = message;
}
