using System.Text;

namespace PersonalBudgets.Web.Infrastructure.Input;

/// <summary>
/// What happens to a request body before anything reads it. A body over the limit is refused with 413 on any server
/// (a chunked body has no length to check up front). A URL-encoded form is read into memory first: ASP.NET Core's form
/// reader refuses a "%00" outright, which would leave the whole form unreadable (the antiforgery check, then the error
/// page, failing on it); it is passed on as "%01" instead, so the one text rule (<see cref="TextModelBinderProvider"/>)
/// names the field that held it.
/// </summary>
public static class RequestBodyHygiene
{
    public static IApplicationBuilder UseRequestBodyHygiene(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            await new LimitedRequestBodyStream(request.Body, maxBytes).CopyToAsync(buffer, context.RequestAborted);
            var bytes = buffer.ToArray();
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("%00", StringComparison.Ordinal))
            {
                bytes = Encoding.ASCII.GetBytes(text.Replace("%00", "%01", StringComparison.Ordinal));
            }

            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
        }
        else if (request.ContentLength is null)
        {
            request.Body = new LimitedRequestBodyStream(request.Body, maxBytes);
        }

        await next(context);
    });
}
