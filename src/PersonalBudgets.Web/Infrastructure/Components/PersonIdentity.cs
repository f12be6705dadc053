using PersonalBudgets.Core.Common;
using Microsoft.AspNetCore.Razor.TagHelpers;
using PersonalBudgets.Core.People;
using System.Text.Encodings.Web;

namespace PersonalBudgets.Web.Infrastructure.Components;

/// <summary>
/// How a person is told apart wherever they are named (issue 11, item 8): date of birth, the council's identifier and
/// the NHS number when known. Lists put this under the name; the person header shows the same facts.
/// </summary>
public static class PersonIdentity
{
    public static string Line(DateOnly dateOfBirth, string personIdentifier, string? nhsNumber) =>
        $"Born {UkFormat.Date(dateOfBirth)} · {personIdentifier}" + (nhsNumber is null ? "" : $" · NHS number {NhsNumber.Parse(nhsNumber).Formatted}");
}

/// <summary>
/// The caption above a page's heading on every page about a person: their name (and what the page is, in
/// <see cref="Suffix"/>), then their date of birth, identifier and NHS number, so nobody acts on the wrong person.
/// </summary>
[HtmlTargetElement("person-caption", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PersonCaptionTagHelper : TagHelper
{
    public Person Person { get; set; } = null!;

    /// <summary>Text after the name, e.g. ": support plan version 2".</summary>
    public string? Suffix { get; set; }

    /// <summary>Replaces the name (e.g. "Sam, carer of Robin Example"); the identity line is still the person's.</summary>
    public string? Name { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var e = HtmlEncoder.Default;
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-caption-l");
        output.Attributes.SetAttribute("id", "person-caption");
        output.Content.SetHtmlContent($"{e.Encode(Name ?? Person.DisplayName)}{e.Encode(Suffix ?? "")}"
            + $"<span class=\"govuk-caption-m\">{e.Encode(PersonIdentity.Line(Person.DateOfBirth, Person.PersonIdentifier, Person.NhsNumber))}</span>");
    }
}
