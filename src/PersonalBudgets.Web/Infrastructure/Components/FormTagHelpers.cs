using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PersonalBudgets.Web.Infrastructure.Components;

// The project's own GOV.UK Design System components, rendering the markup the design system specifies.
// Each form component takes asp-for, so names, ids, values and error messages come from the model and ModelState.

public abstract class GovukFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string Label { get; set; } = "";
    public string? Hint { get; set; }

    /// <summary>Render the label as the page heading (one question per page).</summary>
    public bool IsPageHeading { get; set; }

    protected string Name => For.Name;
    protected string Id => TagBuilder.CreateSanitizedId(For.Name, "_");
    protected string HintId => Id + "-hint";
    protected string ErrorId => Id + "-error";

    protected string? ErrorMessage
    {
        get
        {
            var state = ViewContext.ViewData.ModelState;
            foreach (var key in new[] { Name, Name + ".Day", Name + ".Month", Name + ".Year" })
            {
                if (state.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                {
                    return entry.Errors[0].ErrorMessage is { Length: > 0 } m ? m : $"Enter a valid {Label.ToLowerInvariant()}";
                }
            }

            return null;
        }
    }

    /// <summary>The value as typed (from ModelState when re-rendering after an error), else the model's.</summary>
    protected string? CurrentValue() => AttemptedOr(Name, For.Model);

    /// <summary>The value typed into the named input (after an error), else the given model value.</summary>
    protected string? AttemptedOr(string name, object? value)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null)
        {
            return entry.AttemptedValue;
        }

        return value switch
        {
            null => null,
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    protected static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");

    protected string DescribedBy(string? extra = null)
    {
        var ids = new List<string>();
        if (Hint is not null) ids.Add(HintId);
        if (ErrorMessage is not null) ids.Add(ErrorId);
        if (extra is not null) ids.Add(extra);
        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected string HintAndError()
    {
        var html = "";
        if (Hint is not null) html += $"<div id=\"{HintId}\" class=\"govuk-hint\">{E(Hint)}</div>";
        if (ErrorMessage is { } error) html += $"<p id=\"{ErrorId}\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {E(error)}</p>";
        return html;
    }

    protected string LabelHtml(string forId) => IsPageHeading
        ? $"<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" for=\"{forId}\">{E(Label)}</label></h1>"
        : $"<label class=\"govuk-label\" for=\"{forId}\">{E(Label)}</label>";

    protected string LegendHtml(string size = "m") => IsPageHeading
        ? $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">{E(Label)}</h1></legend>"
        : $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--{size}\">{E(Label)}</legend>";

    protected void Render(TagHelperOutput output, string innerHtml)
    {
        GovukErrorSummaryTagHelper.FieldRendered(ViewContext.HttpContext, Name);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", ErrorMessage is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error");
        output.Content.SetHtmlContent(innerHtml);
    }
}

[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper : GovukFieldTagHelper
{
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }

    /// <summary>Fixed width class suffix, e.g. "10" for govuk-input--width-10, or "two-thirds" for a fluid width.</summary>
    public string? Width { get; set; }

    public string? Inputmode { get; set; }
    public bool Spellcheck { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = "govuk-input";
        if (Width is not null) classes += Width.All(char.IsDigit) ? $" govuk-input--width-{Width}" : $" govuk-!-width-{Width}";
        if (ErrorMessage is not null) classes += " govuk-input--error";
        var extra = (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"")
            + (Inputmode is null ? "" : $" inputmode=\"{E(Inputmode)}\"")
            + (Spellcheck ? "" : " spellcheck=\"false\"");
        Render(output, LabelHtml(Id) + HintAndError()
            + $"<input class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{E(Type)}\" value=\"{E(CurrentValue())}\"{extra}{DescribedBy()}>");
    }
}

[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTextareaTagHelper : GovukFieldTagHelper
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = ErrorMessage is null ? "govuk-textarea" : "govuk-textarea govuk-textarea--error";
        Render(output, LabelHtml(Id) + HintAndError()
            + $"<textarea class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"{DescribedBy()}>{E(CurrentValue())}</textarea>");
    }
}

[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukSelectTagHelper : GovukFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = CurrentValue();
        var classes = ErrorMessage is null ? "govuk-select" : "govuk-select govuk-select--error";
        var options = string.Concat(Items.Select(i =>
            $"<option value=\"{E(i.Value)}\"{(i.Value == current ? " selected" : "")}>{E(i.Text)}</option>"));
        Render(output, LabelHtml(Id) + HintAndError()
            + $"<select class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\"{DescribedBy()}>{options}</select>");
    }
}

/// <summary>
/// The questions revealed by one answer of the enclosing govuk-radios or govuk-checkboxes (the design system's
/// conditional reveal): shown under that answer, hidden by the design system's script until it is chosen, and always
/// shown when the script does not run, so the page works without JavaScript.
/// </summary>
[HtmlTargetElement("govuk-conditional", ParentTag = "govuk-radios")]
[HtmlTargetElement("govuk-conditional", ParentTag = "govuk-checkboxes")]
public sealed class GovukConditionalTagHelper : TagHelper
{
    /// <summary>The answer's value that reveals these questions.</summary>
    public string Value { get; set; } = "";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        if (context.Items.TryGetValue(typeof(GovukConditionalTagHelper), out var slots))
        {
            ((Dictionary<string, string>)slots)[Value] = content.GetContent();
        }

        output.SuppressOutput();
    }

    /// <summary>Collects the conditional content inside a radios or checkboxes component, by the value that reveals it.</summary>
    internal static async Task<Dictionary<string, string>> CollectAsync(TagHelperContext context, TagHelperOutput output)
    {
        var slots = new Dictionary<string, string>();
        context.Items[typeof(GovukConditionalTagHelper)] = slots;
        await output.GetChildContentAsync();
        return slots;
    }
}

[HtmlTargetElement("govuk-radios")]
public sealed class GovukRadiosTagHelper : GovukFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public bool Inline { get; set; }
    public bool Small { get; set; }
    public string LegendSize { get; set; } = "m";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        // The question comes before the questions its answers reveal, in the error summary too.
        GovukErrorSummaryTagHelper.FieldRendered(ViewContext.HttpContext, Name);
        var conditionals = await GovukConditionalTagHelper.CollectAsync(context, output);
        var current = CurrentValue();
        var i = 0;
        var radios = string.Concat(Items.Select(item =>
        {
            var id = i++ == 0 ? Id : $"{Id}-{i}";
            var isChecked = item.Value == current;
            if (!conditionals.TryGetValue(item.Value, out var revealed))
            {
                return $"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"radio\" value=\"{E(item.Value)}\"{(isChecked ? " checked" : "")}>"
                    + $"<label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{E(item.Text)}</label></div>";
            }

            return $"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"radio\" value=\"{E(item.Value)}\"{(isChecked ? " checked" : "")} data-aria-controls=\"conditional-{id}\">"
                + $"<label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{E(item.Text)}</label></div>"
                + $"<div class=\"govuk-radios__conditional{(isChecked ? "" : " govuk-radios__conditional--hidden")}\" id=\"conditional-{id}\">{revealed}</div>";
        }));
        var classes = "govuk-radios" + (Inline && conditionals.Count == 0 ? " govuk-radios--inline" : "") + (Small ? " govuk-radios--small" : "");
        Render(output, $"<fieldset class=\"govuk-fieldset\"{DescribedBy()}>{LegendHtml(LegendSize)}{HintAndError()}<div class=\"{classes}\" data-module=\"govuk-radios\">{radios}</div></fieldset>");
    }
}

[HtmlTargetElement("govuk-checkboxes")]
public sealed class GovukCheckboxesTagHelper : GovukFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public string LegendSize { get; set; } = "m";

    /// <summary>A last option that excludes the others ("None of these"), after an "or" divider, as the design system shows.</summary>
    public SelectListItem? Exclusive { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        GovukErrorSummaryTagHelper.FieldRendered(ViewContext.HttpContext, Name);
        var conditionals = await GovukConditionalTagHelper.CollectAsync(context, output);
        var state = ViewContext.ViewData.ModelState;
        var selected = state.TryGetValue(Name, out var entry) && entry.RawValue is not null
            ? (entry.RawValue as string[] ?? [entry.AttemptedValue ?? ""]).ToHashSet()
            : ((For.Model as System.Collections.IEnumerable)?.Cast<object>().Select(o => o.ToString() ?? "").ToHashSet() ?? []);
        var i = 0;
        string Box(SelectListItem item, string behaviour)
        {
            var id = i++ == 0 ? Id : $"{Id}-{i}";
            var isChecked = selected.Contains(item.Value) || item.Selected && entry is null;
            var hasConditional = conditionals.TryGetValue(item.Value, out var revealed);
            var controls = hasConditional ? $" data-aria-controls=\"conditional-{id}\"" : "";
            return $"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"checkbox\" value=\"{E(item.Value)}\"{behaviour}{(isChecked ? " checked" : "")}{controls}>"
                + $"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{id}\">{E(item.Text)}</label></div>"
                + (hasConditional ? $"<div class=\"govuk-checkboxes__conditional{(isChecked ? "" : " govuk-checkboxes__conditional--hidden")}\" id=\"conditional-{id}\">{revealed}</div>" : "");
        }

        var boxes = string.Concat(Items.Select(item => Box(item, "")));
        if (Exclusive is { } exclusive)
        {
            boxes += "<div class=\"govuk-checkboxes__divider\">or</div>" + Box(exclusive, " data-behaviour=\"exclusive\"");
        }
        Render(output, $"<fieldset class=\"govuk-fieldset\"{DescribedBy()}>{LegendHtml(LegendSize)}{HintAndError()}<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">{boxes}</div></fieldset>");
    }
}

[HtmlTargetElement("govuk-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukDateInputTagHelper : GovukFieldTagHelper
{
    public string LegendSize { get; set; } = "s";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var model = For.Model as DateInput ?? new DateInput();
        var error = ErrorMessage is not null;
        string Box(string part, string label, string? value, int width, bool first)
        {
            var id = first ? Id : $"{Id}-{part.ToLowerInvariant()}";
            var classes = $"govuk-input govuk-date-input__input govuk-input--width-{width}" + (error ? " govuk-input--error" : "");
            var autocomplete = Name.EndsWith("DateOfBirth", StringComparison.Ordinal) ? $" autocomplete=\"bday-{(part == "Month" ? "month" : part == "Year" ? "year" : "day")}\"" : "";
            return $"<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"{id}\">{label}</label>"
                + $"<input class=\"{classes}\" id=\"{id}\" name=\"{E(Name)}.{part}\" type=\"text\" inputmode=\"numeric\" value=\"{E(AttemptedOr($"{Name}.{part}", value))}\"{autocomplete}></div></div>";
        }

        Render(output, $"<fieldset class=\"govuk-fieldset\" role=\"group\"{DescribedBy()}>{LegendHtml(LegendSize)}{HintAndError()}<div class=\"govuk-date-input\">"
            + Box("Day", "Day", model.Day, 2, true) + Box("Month", "Month", model.Month, 2, false) + Box("Year", "Year", model.Year, 4, false) + "</div></fieldset>");
    }
}

[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukErrorSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    private const string RenderedFieldsKey = "pb:rendered-fields";

    /// <summary>Notes that a form component for this field was rendered, so the summary can follow the page's order.</summary>
    internal static void FieldRendered(HttpContext http, string name)
    {
        if (http.Items[RenderedFieldsKey] is not List<string> names)
        {
            http.Items[RenderedFieldsKey] = names = [];
        }

        names.Add(name);
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ViewData.ModelState
            .Where(kv => kv.Value is { Errors.Count: > 0 })
            .Select(kv => (Key: kv.Key, Message: kv.Value!.Errors[0].ErrorMessage))
            .Where(e => !string.IsNullOrEmpty(e.Message))
            .ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");

        // The summary sits above the fields it lists, so its list is written once the page has rendered them: the
        // errors then follow the order of the fields on the page (then the page model's order for any other field).
        var http = ViewContext.HttpContext;
        var modelOrder = ViewContext.ViewData[GovukPageModel.FieldOrderKey] as List<string>;
        output.Content.SetHtmlContent(new DeferredHtml(() => Render(errors, http.Items[RenderedFieldsKey] as List<string>, modelOrder)));
    }

    private static string Render(List<(string Key, string Message)> errors, List<string>? rendered, List<string>? modelOrder)
    {
        static string StripDatePart(string key)
        {
            foreach (var part in new[] { ".Day", ".Month", ".Year" })
            {
                if (key.EndsWith(part, StringComparison.Ordinal)) key = key[..^part.Length];
            }

            return key;
        }

        static string Target(string key)
        {
            key = StripDatePart(key);
            return key.Length == 0 ? "main-content" : TagBuilder.CreateSanitizedId(key, "_");
        }

        static int IndexIn(List<string>? names, string key) => names?.IndexOf(key) is { } i and >= 0 ? i : int.MaxValue;

        var ordered = errors
            .OrderBy(e => StripDatePart(e.Key).Length == 0 ? -1 : 0)
            .ThenBy(e => IndexIn(rendered, StripDatePart(e.Key)))
            .ThenBy(e => IndexIn(modelOrder, StripDatePart(e.Key)))
            .ToList();
        var items = string.Concat(ordered.DistinctBy(e => Target(e.Key)).Select(e =>
            $"<li><a href=\"#{Target(e.Key)}\">{HtmlEncoder.Default.Encode(e.Message)}</a></li>"));
        return "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
            + $"<ul class=\"govuk-list govuk-error-summary__list\">{items}</ul></div></div>";
    }

    /// <summary>HTML produced when it is written out, after the rest of the page has been rendered.</summary>
    private sealed class DeferredHtml(Func<string> html) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(html());
    }
}
