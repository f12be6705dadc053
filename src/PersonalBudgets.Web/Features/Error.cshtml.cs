using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Errors;

namespace PersonalBudgets.Web.Features;

/// <summary>The HTML side of the one error handler: unhandled exceptions and error status codes end up here.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = 500;
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Message { get; private set; } = "Try again later.";
    public Guid? PersonId { get; private set; }
    public string TraceId => HttpContext.TraceIdentifier;

    public void OnGet(int? status) => Build(status);

    public void OnPost(int? status) => Build(status);

    private void Build(int? status)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is not null)
        {
            var c = ErrorClassifier.Classify(exception);
            Status = c.Status;
            switch (exception)
            {
                case RecordAccessDeniedException denied:
                    PersonId = denied.PersonId;
                    Heading = "You do not have access to this record";
                    Message = "This person is not allocated to any of your teams. If you need to see the record now, for example in an emergency, you can use break-glass access. Your reason will be recorded and reviewed.";
                    break;
                case BreakGlassChangeRefusedException:
                    Heading = "You cannot change this record with break-glass access";
                    Message = exception.Message;
                    break;
                case NotFoundException:
                    Heading = "Page not found";
                    Message = exception.Message;
                    break;
                case DomainException or BadHttpRequestException:
                    Heading = "There is a problem";
                    Message = c.Detail;
                    break;
            }
        }
        // The original status, not only the query's: a form that could not be read leaves nothing bound here.
        else if ((status ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode) is { } s)
        {
            Status = s;
            (Heading, Message) = s switch
            {
                404 => ("Page not found", "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."),
                403 => ("You do not have permission to see this page", "Ask your team manager or an administrator if you need it for your work."),
                400 => ("There is a problem", "The request could not be read. Go back and try again. If you were filling in a form, your session may have expired: sign in again."),
                413 => ("There is a problem", "What you sent is too large."),
                _ => (Heading, Message),
            };
        }

        Response.StatusCode = Status;
    }
}
