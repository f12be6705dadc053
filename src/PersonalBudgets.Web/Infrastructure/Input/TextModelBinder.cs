using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace PersonalBudgets.Web.Infrastructure.Input;

/// <summary>
/// Binds every string of a form or query string as usual, then applies <see cref="TextHygiene"/>: text with control
/// characters is not bound and its field gets "X must not contain control characters", so the page pipeline answers
/// 400 with the field named before any handler (or database) sees it. Registered first, so it covers every page.
/// </summary>
public sealed class TextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string) && context.BindingInfo.BindingSource?.CanAcceptDataFrom(BindingSource.Body) != true
            ? new TextModelBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class TextModelBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text } && TextHygiene.HasControlCharacters(text))
            {
                var name = bindingContext.ModelMetadata.DisplayName ?? Words(bindingContext.ModelMetadata.Name ?? bindingContext.FieldName);
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, TextHygiene.Cleaned(text), TextHygiene.Cleaned(text));
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, TextHygiene.Message(name));
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }

        /// <summary>"LegalFirstName" as "Legal first name".</summary>
        private static string Words(string name)
        {
            var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
            return words.Length == 0 ? "The answer" : char.ToUpperInvariant(words[0]) + words[1..];
        }
    }
}
