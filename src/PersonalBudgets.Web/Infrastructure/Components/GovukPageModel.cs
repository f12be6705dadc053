using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>
/// Pages with GOV.UK forms. A handler does the work and redirects; it never catches. When the input does not bind,
/// or the service refuses, <see cref="Errors.PagePipelineFilter"/> puts the errors into ModelState by field, calls
/// <see cref="OnReloadAsync"/> for what the page shows, and re-renders it: 400 for invalid input or a domain
/// refusal, 409 for a conflict (with who and when, keeping what was typed).
/// </summary>
public abstract class GovukPageModel : PageModel
{
    /// <summary>After someone else saved first: who and when, for the page to show beside what was typed.</summary>
    public ConcurrencyConflictException? Conflict { get; private set; }

    /// <summary>The addresses of our pages (the request's scoped <see cref="PageLinks"/>, as views have it).</summary>
    protected PageLinks Links => HttpContext.RequestServices.GetRequiredService<PageLinks>();

    /// <summary>
    /// Loads what the page shows before it re-renders a refused POST (the GET handler usually calls the same code).
    /// Bound input is kept; after a concurrency conflict (<see cref="PageReload.AfterConflict"/>) the page should show
    /// the record as saved now and take its revision from it, so that saving again replaces what is saved.
    /// </summary>
    protected virtual Task OnReloadAsync(PageReload reload) => Task.CompletedTask;

    /// <summary>The ModelState key for a field the domain names (for example "Input." + field). By default the same.</summary>
    protected virtual string ErrorKey(string field) => field;

    /// <summary>Stops the handler with the errors already in ModelState: the page re-renders with 400.</summary>
    protected void EnsureValid()
    {
        if (!ModelState.IsValid)
        {
            throw new ValidationFailedException([]);
        }
    }

    /// <summary>Stops the handler with these errors (and any already in ModelState), when there are any.</summary>
    protected void EnsureValid(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        if (list.Count > 0 || !ModelState.IsValid)
        {
            throw new ValidationFailedException(list);
        }
    }

    /// <summary>
    /// The pipeline's answer to a refusal (null: the input did not bind): the errors go into ModelState by field, the
    /// page reloads what it shows (and may adjust the errors), and re-renders with 400, or 409 for a conflict.
    /// </summary>
    internal async Task<IActionResult> RefuseAsync(DomainException? refusal, string? handler, IDictionary<string, object?> arguments)
    {
        var status = StatusCodes.Status400BadRequest;
        switch (refusal)
        {
            case ValidationFailedException v:
                AddErrors(v.Errors);
                break;
            case ConcurrencyConflictException c:
                Conflict = c;
                ModelState.AddModelError(string.Empty, c.Message);
                status = StatusCodes.Status409Conflict;
                break;
            case ConflictException c:
                ModelState.AddModelError(ErrorKey(c.Field ?? string.Empty), c.Message);
                status = StatusCodes.Status409Conflict;
                break;
            case not null:
                ModelState.AddModelError(ErrorKey(refusal.Field ?? string.Empty), refusal.Message);
                break;
        }

        ViewData[FieldOrderKey] = FieldOrder(GetType(), "");
        await OnReloadAsync(new PageReload(handler, arguments, refusal));
        if (status == StatusCodes.Status409Conflict)
        {
            // The hidden revision shows the one the page holds now (after a concurrency conflict, the one just
            // loaded), not the stale one posted, so saving again replaces what is saved.
            ModelState.Remove("Revision");
        }

        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// Runs a check that may refuse, for a page that shows why it offers no form (not-found and access refusals
    /// still go to the error page). Null when the check passed.
    /// </summary>
    protected static async Task<DomainException?> RefusalOfAsync(Func<Task> check)
    {
        try
        {
            await check();
            return null;
        }
        catch (DomainException ex) when (ex is not NotFoundException and not RecordAccessDeniedException)
        {
            return ex;
        }
    }

    /// <summary>Runs a domain rule only for the problems it finds, so a page can show every problem at once.</summary>
    protected static IReadOnlyList<FieldError> ProblemsOf(Action check)
    {
        try
        {
            check();
            return [];
        }
        catch (ValidationFailedException ex)
        {
            return ex.Errors;
        }
    }

    /// <summary>The plain message of a refusal: a validation failure's first problem, or the refusal's message.</summary>
    protected static string MessageOf(DomainException refusal) =>
        refusal is ValidationFailedException { Errors.Count: > 0 } v ? v.Errors[0].Message : refusal.Message;

    /// <summary>Adds errors under the given prefix (e.g. "Input"), keeping only the first error for each field.</summary>
    protected void AddErrors(IEnumerable<FieldError> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? ErrorKey(error.Field) : $"{prefix}.{error.Field}";
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

/// <summary>What <see cref="GovukPageModel.OnReloadAsync"/> is told: the handler's arguments and why the page is re-rendered.</summary>
public sealed class PageReload(string? handler, IDictionary<string, object?> arguments, DomainException? refusal)
{
    /// <summary>The named handler that was posted to ("AddBand" for OnPostAddBandAsync), or null for OnPostAsync.</summary>
    public string? Handler { get; } = handler;

    /// <summary>Why the page is re-rendered: the refusal, or null when the input did not bind.</summary>
    public DomainException? Refusal { get; } = refusal;

    /// <summary>The input did not bind (an option not in the list, say): the handler did not run.</summary>
    public bool InputDidNotBind => Refusal is null;

    /// <summary>True after a concurrency conflict: show the record as saved now, with its revision.</summary>
    public bool AfterConflict => Refusal is ConcurrencyConflictException;

    /// <summary>A handler argument (usually a route value such as the record's id).</summary>
    public T Get<T>(string name) => arguments.TryGetValue(name, out var value) && value is T t
        ? t
        : throw new InvalidOperationException($"The handler has no argument {name} of type {typeof(T).Name}.");

    /// <summary>A handler argument that may be missing (an optional route value).</summary>
    public T? Find<T>(string name) => arguments.TryGetValue(name, out var value) && value is T t ? t : default;
}
