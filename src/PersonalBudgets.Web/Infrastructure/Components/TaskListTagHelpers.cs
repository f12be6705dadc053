using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>The GOV.UK task list: a list of govuk-task items.</summary>
[HtmlTargetElement("govuk-task-list")]
public sealed class GovukTaskListTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "ul";
        output.Attributes.SetAttribute("class", "govuk-task-list");
    }
}

/// <summary>
/// One task: its name (a link when href is given), an optional hint and its status, as the design system's task list
/// shows them: "Completed" as plain text; "Cannot start yet" (any "Cannot ..." status) as grey plain text; "Incomplete"
/// and "Not yet started" as blue tags, "In progress" as a light blue one. "Not started" is written "Not yet started".
/// </summary>
[HtmlTargetElement("govuk-task", ParentTag = "govuk-task-list", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTaskTagHelper : TagHelper
{
    public string Name { get; set; } = "";
    public string? Href { get; set; }
    public string? Hint { get; set; }
    public string Status { get; set; } = NotYetStarted;

    public const string NotYetStarted = "Not yet started";

    /// <summary>Tag colour for a status other than Completed (default blue; "light-blue" for in progress).</summary>
    public string? StatusColour { get; set; }

    public string? Id { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var e = HtmlEncoder.Default;
        var id = Id ?? TagBuilder.CreateSanitizedId(Name.ToLowerInvariant().Replace(' ', '-'), "-");
        var statusId = $"{id}-status";
        var hintId = $"{id}-hint";
        var describedBy = Hint is null ? statusId : $"{hintId} {statusId}";
        var name = Href is null
            ? $"<div>{e.Encode(Name)}</div>"
            : $"<a class=\"govuk-link govuk-task-list__link\" href=\"{e.Encode(Href)}\" aria-describedby=\"{describedBy}\">{e.Encode(Name)}</a>";
        var hint = Hint is null ? "" : $"<div id=\"{hintId}\" class=\"govuk-task-list__hint\">{e.Encode(Hint)}</div>";
        var text = Status == "Not started" ? NotYetStarted : Status;
        var cannotStart = Href is null || text.StartsWith("Cannot ", StringComparison.Ordinal);
        var status = text == "Completed" || cannotStart
            ? e.Encode(text)
            : $"<strong class=\"govuk-tag govuk-tag--{e.Encode(StatusColour ?? (text == "In progress" ? "light-blue" : "blue"))}\">{e.Encode(text)}</strong>";
        output.TagName = "li";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Href is null ? "govuk-task-list__item" : "govuk-task-list__item govuk-task-list__item--with-link");
        output.Content.SetHtmlContent(
            $"<div class=\"govuk-task-list__name-and-hint\">{name}{hint}</div>"
            + $"<div class=\"govuk-task-list__status{(cannotStart ? " govuk-task-list__status--cannot-start-yet" : "")}\" id=\"{statusId}\">{status}</div>");
    }
}
