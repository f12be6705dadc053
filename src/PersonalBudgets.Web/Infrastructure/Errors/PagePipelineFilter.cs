using Microsoft.AspNetCore.Mvc.Filters;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Components;

namespace PersonalBudgets.Web.Infrastructure.Errors;

/// <summary>
/// The one page pipeline (ADR 0010). For a form page (<see cref="GovukPageModel"/>): a POST whose input did not bind
/// is answered before the handler runs; a POST handler that throws a validation failure, a domain refusal or a conflict
/// gets its page back with the errors by field (400, or 409 for a conflict), after the page reloads what it shows.
/// Not-found and access refusals are left to the one exception handler, which shows the error page (404, 403).
/// </summary>
public sealed class PagePipelineFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // A GET shows a record: a refusal there has no form to return to, so it goes to the error page as before.
        if (context.HandlerInstance is not GovukPageModel page || HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }

        if (!context.ModelState.IsValid)
        {
            context.Result = await page.RefuseAsync(null, context.HandlerMethod?.Name, context.HandlerArguments);
            return;
        }

        var executed = await next();
        if (executed is { Exception: DomainException refusal, ExceptionHandled: false } && IsForThePage(refusal))
        {
            executed.Result = await page.RefuseAsync(refusal, context.HandlerMethod?.Name, context.HandlerArguments);
            executed.ExceptionHandled = true;
        }
    }

    private static bool IsForThePage(DomainException refusal) => refusal is not NotFoundException and not RecordAccessDeniedException and not BreakGlassChangeRefusedException;
}
