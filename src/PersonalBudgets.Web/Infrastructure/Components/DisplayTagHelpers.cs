using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PersonalBudgets.Web.Infrastructure.Components;

[HtmlTargetElement("govuk-summary-list")]
public sealed class GovukSummaryListTagHelper : TagHelper
{
    public bool NoBorder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "dl";
        output.Attributes.SetAttribute("class", NoBorder ? "govuk-summary-list govuk-summary-list--no-border" : "govuk-summary-list");
    }
}

/// <summary>A summary list row: the key, the value (child content) and an optional change link.</summary>
[HtmlTargetElement("govuk-summary-row", ParentTag = "govuk-summary-list")]
public sealed class GovukSummaryRowTagHelper : TagHelper
{
    public string Key { get; set; } = "";
    public string? ChangeHref { get; set; }
    public string ChangeText { get; set; } = "Change";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        var e = HtmlEncoder.Default;
        // Razor passes change-href="@null" as an empty string: no address means nothing can change, so no link (a
        // read-only record showed dozens of "Change" links to nowhere).
        var href = string.IsNullOrWhiteSpace(ChangeHref) ? null : ChangeHref;
        output.TagName = "div";
        output.Attributes.SetAttribute("class", href is null ? "govuk-summary-list__row govuk-summary-list__row--no-actions" : "govuk-summary-list__row");
        var html = $"<dt class=\"govuk-summary-list__key\">{e.Encode(Key)}</dt><dd class=\"govuk-summary-list__value\">{content}</dd>";
        if (href is not null)
        {
            html += $"<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"{e.Encode(href)}\">{e.Encode(ChangeText)}<span class=\"govuk-visually-hidden\"> {e.Encode(Key.ToLowerInvariant())}</span></a></dd>";
        }

        output.Content.SetHtmlContent(html);
    }
}

/// <summary>A GOV.UK button: a submit button, or a link styled as one when href is given.</summary>
[HtmlTargetElement("govuk-button")]
public sealed class GovukButtonTagHelper : TagHelper
{
    public string? Href { get; set; }
    public bool Secondary { get; set; }
    public bool Warning { get; set; }
    public bool Start { get; set; }
    public string? Name { get; set; }
    public string? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = "govuk-button" + (Secondary ? " govuk-button--secondary" : "") + (Warning ? " govuk-button--warning" : "") + (Start ? " govuk-button--start" : "");
        output.Attributes.SetAttribute("class", classes);
        output.Attributes.SetAttribute("data-module", "govuk-button");
        if (Href is not null)
        {
            output.TagName = "a";
            output.Attributes.SetAttribute("href", Href);
            output.Attributes.SetAttribute("role", "button");
            output.Attributes.SetAttribute("draggable", "false");
        }
        else
        {
            output.TagName = "button";
            output.Attributes.SetAttribute("type", "submit");
            output.Attributes.SetAttribute("data-prevent-double-click", "true");
            if (Name is not null) output.Attributes.SetAttribute("name", Name);
            if (Value is not null) output.Attributes.SetAttribute("value", Value);
        }
    }
}

[HtmlTargetElement("govuk-notification-banner")]
public sealed class GovukNotificationBannerTagHelper : TagHelper
{
    public bool Success { get; set; }
    public string? Title { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        var title = Title ?? (Success ? "Success" : "Important");
        output.TagName = "div";
        output.Attributes.SetAttribute("class", Success ? "govuk-notification-banner govuk-notification-banner--success" : "govuk-notification-banner");
        output.Attributes.SetAttribute("role", Success ? "alert" : "region");
        output.Attributes.SetAttribute("aria-labelledby", "govuk-notification-banner-title");
        output.Attributes.SetAttribute("data-module", "govuk-notification-banner");
        output.Content.SetHtmlContent(
            $"<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">{HtmlEncoder.Default.Encode(title)}</h2></div>"
            + $"<div class=\"govuk-notification-banner__content\">{content}</div>");
    }
}

/// <summary>
/// GOV.UK table elements: govuk-table, with govuk-caption, govuk-thead, govuk-tbody, govuk-tr, govuk-th and govuk-td
/// inside. Every cell is labelled with its column's header (data-label), so that on a narrow screen a table of three
/// or more columns stacks each row as a card with the header beside each value (app.css), instead of overflowing
/// sideways: one approach for every table, with no page-by-page markup.
/// </summary>
[HtmlTargetElement("govuk-table")]
[HtmlTargetElement("govuk-caption")]
[HtmlTargetElement("govuk-thead")]
[HtmlTargetElement("govuk-tbody")]
[HtmlTargetElement("govuk-tr")]
[HtmlTargetElement("govuk-th")]
[HtmlTargetElement("govuk-td")]
public sealed partial class GovukTableTagHelper : TagHelper
{
    /// <summary>Tables with at least this many columns stack as cards on narrow screens.</summary>
    public const int StackFromColumns = 3;

    /// <summary>Marks a cell as numeric (right-aligned).</summary>
    public bool Numeric { get; set; }

    /// <summary>On govuk-th inside govuk-tbody: a row header.</summary>
    public bool RowHeader { get; set; }

    public string CaptionSize { get; set; } = "m";

    /// <summary>On govuk-table: false keeps the table's rows as rows on narrow screens (for a table that fits anyway).</summary>
    public bool Stack { get; set; } = true;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var (tag, cls) = context.TagName switch
        {
            "govuk-table" => ("table", "govuk-table"),
            "govuk-caption" => ("caption", $"govuk-table__caption govuk-table__caption--{CaptionSize}"),
            "govuk-thead" => ("thead", "govuk-table__head"),
            "govuk-tbody" => ("tbody", "govuk-table__body"),
            "govuk-tr" => ("tr", "govuk-table__row"),
            "govuk-th" => ("th", "govuk-table__header" + (Numeric ? " govuk-table__header--numeric" : "")),
            _ => ("td", "govuk-table__cell" + (Numeric ? " govuk-table__cell--numeric" : "")),
        };
        output.TagName = tag;
        if (context.AllAttributes.TryGetAttribute("class", out var extra))
        {
            cls += " " + extra.Value;
        }

        if (context.TagName == "govuk-th")
        {
            output.Attributes.SetAttribute("scope", RowHeader ? "row" : "col");
        }

        var columns = context.Items.TryGetValue(typeof(ColumnLabels), out var found) ? (ColumnLabels)found : null;
        var span = context.AllAttributes.TryGetAttribute("colspan", out var colspan) && int.TryParse(colspan.Value?.ToString(), out var n) && n > 1 ? n : 1;
        switch (context.TagName)
        {
            case "govuk-table":
                columns = new ColumnLabels();
                context.Items[typeof(ColumnLabels)] = columns;
                await output.GetChildContentAsync();
                if (Stack && columns.Headers.Count >= StackFromColumns)
                {
                    cls += " app-table--stack";
                }

                break;
            case "govuk-tr":
                columns?.StartRow();
                break;
            case "govuk-th" when !RowHeader && columns is not null:
                var header = Text((await output.GetChildContentAsync()).GetContent());
                columns.Headers.AddRange(Enumerable.Repeat(header, span));
                break;
            case "govuk-th" or "govuk-td" when columns is not null:
                if (columns.Next(span) is { Length: > 0 } label && !context.AllAttributes.ContainsName("data-label"))
                {
                    output.Attributes.SetAttribute("data-label", label);
                }

                break;
        }

        output.Attributes.SetAttribute("class", cls);
    }

    /// <summary>A header's text as a person reads it: tags removed, entities decoded, spaces collapsed.</summary>
    private static string Text(string html) =>
        Spaces().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Spaces();

    /// <summary>The column headers of one table, and which column the next cell of the current row is in.</summary>
    private sealed class ColumnLabels
    {
        private int column;

        public List<string> Headers { get; } = [];

        public void StartRow() => column = 0;

        public string? Next(int span)
        {
            var label = column < Headers.Count ? Headers[column] : null;
            column += span;
            return label;
        }
    }
}

[HtmlTargetElement("govuk-tag")]
public sealed class GovukTagTagHelper : TagHelper
{
    public string? Colour { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "strong";
        output.Attributes.SetAttribute("class", Colour is null ? "govuk-tag" : $"govuk-tag govuk-tag--{Colour}");
    }
}

/// <summary>
/// The GOV.UK back link. When the page was opened from a list that said where it was (<see cref="ReturnUrls"/>), it goes
/// back there and says "Back"; otherwise to <see cref="Href"/>.
/// </summary>
[HtmlTargetElement("govuk-back-link", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukBackLinkTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    public string Href { get; set; } = "/";
    public string Text { get; set; } = "Back";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var returnUrl = ViewContext is null ? null : ReturnUrls.Of(ViewContext.HttpContext.Request);
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-back-link");
        output.Attributes.SetAttribute("href", returnUrl ?? Href);
        output.Content.SetContent(returnUrl is null ? Text : "Back");
    }
}

[HtmlTargetElement("govuk-warning-text")]
public sealed class GovukWarningTextTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "div";
        output.Attributes.SetAttribute("class", "govuk-warning-text");
        output.Content.SetHtmlContent($"<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>{content}</strong>");
    }
}

/// <summary>GOV.UK pagination: previous and next links with numbered pages around the current one.</summary>
[HtmlTargetElement("govuk-pagination", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukPaginationTagHelper : TagHelper
{
    public int Page { get; set; }
    public int TotalPages { get; set; }

    /// <summary>A URL with "{page}" where the page number goes.</summary>
    public string UrlTemplate { get; set; } = "?page={page}";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (TotalPages <= 1)
        {
            output.SuppressOutput();
            return;
        }

        var e = HtmlEncoder.Default;
        string Url(int page) => e.Encode(UrlTemplate.Replace("{page}", page.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var html = "";
        if (Page > 1)
        {
            html += $"<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"{Url(Page - 1)}\" rel=\"prev\"><svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg><span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>";
        }

        html += "<ul class=\"govuk-pagination__list\">";
        var shown = Enumerable.Range(1, TotalPages).Where(p => p == 1 || p == TotalPages || Math.Abs(p - Page) <= 1).ToList();
        var last = 0;
        foreach (var p in shown)
        {
            if (p - last > 1) html += "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>";
            html += p == Page
                ? $"<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a class=\"govuk-link govuk-pagination__link\" href=\"{Url(p)}\" aria-label=\"Page {p}\" aria-current=\"page\">{p}</a></li>"
                : $"<li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" href=\"{Url(p)}\" aria-label=\"Page {p}\">{p}</a></li>";
            last = p;
        }

        html += "</ul>";
        if (Page < TotalPages)
        {
            html += $"<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"{Url(Page + 1)}\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span><svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div>";
        }

        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-pagination");
        output.Attributes.SetAttribute("aria-label", "Pagination");
        output.Content.SetHtmlContent(html);
    }
}

/// <summary>Select list items for an enum, labelled with its plain-English display names.</summary>
public static class SelectItems
{
    public static IReadOnlyList<SelectListItem> ForEnum<T>(bool includeBlank = false) where T : struct, Enum
    {
        var items = Core.Common.EnumLabels.All<T>().Select(x => new SelectListItem(x.Label, x.Value.ToString())).ToList();
        if (includeBlank) items.Insert(0, new SelectListItem("", ""));
        return items;
    }

    public static IReadOnlyList<SelectListItem> YesNo() => [new("Yes", "true"), new("No", "false")];
}
