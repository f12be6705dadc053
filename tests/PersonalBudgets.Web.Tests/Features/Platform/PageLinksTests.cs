using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.People;
using PersonalBudgets.Web.Infrastructure.Components;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Platform;

/// <summary>
/// The typed links (<see cref="PageLinks"/>): every method makes the address of a page the running app has, and the
/// addresses are the ones the service has always used (bookmarks and stored notification links keep working).
/// </summary>
public sealed class PageLinksTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Guid Id = Guid.Parse("0b6c6a53-8f1e-4c7e-9a55-2d4f5e6a7b8c");
    private static readonly Guid Other = Guid.Parse("1c7d7b64-9a2f-4d8f-8b66-3e5a6f7b8c9d");

    [Fact]
    public async Task EveryMethod_MakesTheAddressOfAPageTheAppHas()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<PageLinks>();
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), new RouteValueDictionary()))
            .ToList();

        var methods = typeof(PageLinks).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        methods.Length.ShouldBeGreaterThan(30);
        foreach (var method in methods)
        {
            foreach (var arguments in ArgumentsFor(method))
            {
                var link = (string)method.Invoke(links, arguments)!;
                var path = link.Split('#')[0].Split('?')[0];
                path.ShouldStartWith("/", customMessage: $"{method.Name} made {link}");
                pages.Any(p => p.TryMatch(new PathString(path), new RouteValueDictionary())).ShouldBeTrue($"{method.Name} made {link}, which is no page's address");
            }
        }
    }

    [Fact]
    public async Task TheAddresses_AreTheOnesTheServiceHasAlwaysUsed()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<PageLinks>();

        links.PersonPathway(Id).ShouldBe($"/People/{Id}/Pathway");
        links.PersonPlans(Id).ShouldBe($"/People/{Id}/Plans");
        links.PersonReviews(Id).ShouldBe($"/People/{Id}/Reviews");
        links.PersonAssessments(Id).ShouldBe($"/People/{Id}/Assessments");
        links.PersonBudget(Id).ShouldBe($"/People/{Id}/Budget");
        links.PersonDetails(Id).ShouldBe($"/People/{Id}");
        links.PlanOverview(Id).ShouldBe($"/Plans/{Id}");
        links.PlanSection(Id, Core.SupportPlans.PlanSection.AboutMe).ShouldBe($"/Plans/{Id}/Sections/AboutMe");
        links.PlanNewElement(Id).ShouldBe($"/Plans/{Id}/Elements/New");
        links.PlanRemoveRisk(Id, Other).ShouldBe($"/Plans/{Id}/Risks/{Other}/Remove");
        links.PlanGap(Id, new FieldError("VarianceReason", "Say why")).ShouldBe($"/Plans/{Id}/Funding#VarianceReason");
        links.ReviewTaskList(Id).ShouldBe($"/Reviews/{Id}");
        links.ReviewOutcome(Id, Other).ShouldBe($"/Reviews/{Id}/Outcomes/{Other}");
        links.ReviewGap(Id, "WhatIsWorking").ShouldBe($"/Reviews/{Id}/Findings#WhatIsWorking");
        links.ReviewGap(Id, $"Outcomes.{Other}").ShouldBe($"/Reviews/{Id}/Outcomes/{Other}");
        links.PathwayStepWork(PathwayStage.Approval, Id, Other).ShouldBe($"/Approvals/{Other}");
        links.PathwayStepWork(PathwayStage.Eligibility, Id, Other).ShouldBe($"/Assessments/{Other}/Eligibility");
        links.PathwayStepWork(PathwayStage.IndicativeBudget, Id, null).ShouldBe($"/People/{Id}/Budget");
        links.RasQuestion(Id, null).ShouldBe($"/Admin/Ras/{Id}/Questions");
        links.RasAnswer(Id, "q1", "a2").ShouldBe($"/Admin/Ras/{Id}/Questions/q1/Answers/a2");
        links.AssessmentOverview(Id).ShouldBe($"/Assessments/{Id}");
        links.AssessmentSection(Id, AssessmentSection.Participation).ShouldBe($"/Assessments/{Id}/WhoTookPart");
        links.AssessmentSection(Id, AssessmentSection.Outcomes).ShouldBe($"/Assessments/{Id}/Outcomes");
        links.AssessmentOutcome(Id, Enum.GetValues<SpecifiedOutcome>()[0]).ShouldBe($"/Assessments/{Id}/Outcomes/{Enum.GetValues<SpecifiedOutcome>()[0]}");
    }

    [Fact]
    public async Task ALinkToAPageThatDoesNotExist_Throws()
    {
        var factory = await app.FactoryAsync(DatabaseProvider.Sqlite);
        var generator = factory.Services.GetRequiredService<LinkGenerator>();
        var links = new PageLinks(generator);
        var page = typeof(PageLinks).GetMethod("Page", BindingFlags.NonPublic | BindingFlags.Instance)!;

        var thrown = Should.Throw<TargetInvocationException>(() => page.Invoke(links, ["/SupportPlans/NoSuchPage", new { planId = Id }, null]));
        thrown.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("/SupportPlans/NoSuchPage");
    }

    /// <summary>Argument lists for a method: every value of an enum parameter, and each kind of gap or missing item.</summary>
    private static IEnumerable<object?[]> ArgumentsFor(MethodInfo method)
    {
        IEnumerable<object?[]> lists = [[]];
        foreach (var parameter in method.GetParameters())
        {
            var values = ValuesFor(parameter).ToList();
            lists = lists.SelectMany(list => values.Select(v => list.Append(v).ToArray())).ToList();
        }

        return lists;
    }

    private static IEnumerable<object?> ValuesFor(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(Guid))
        {
            return [parameter.Position == 0 ? Id : Other];
        }

        if (type == typeof(Guid?))
        {
            return [null, Other];
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object?>();
        }

        if (type == typeof(int))
        {
            // A position, such as a RAS conversion band's.
            return [0, 2];
        }

        if (type == typeof(string) && parameter.Name is "questionId" or "answerId")
        {
            // A RAS question or answer: optional where the page makes a new one.
            return parameter.Name == "answerId" || parameter.Member.Name == nameof(PageLinks.RasQuestion) ? [null, "q1"] : ["q1"];
        }

        if (type == typeof(string))
        {
            // A fragment, or a review's gap field (a findings field, or an outcome).
            return parameter.Name == "field" ? ["WhatIsWorking", $"Outcomes.{Other}"] : [null, "Field"];
        }

        if (type == typeof(FieldError))
        {
            return new[] { "AboutMe", "Needs." + Enum.GetValues<SpecifiedOutcome>()[0], "Outcomes", "Elements", "VarianceReason", "Agreement", "Other" }
                .Select(f => (object?)new FieldError(f, "A gap"));
        }

        if (type == typeof(EligibleNeed))
        {
            // An adult's need, the carer's health and a carer outcome: each kind of code the need page takes.
            return new[] { EligibleNeed.Of(Enum.GetValues<SpecifiedOutcome>()[0]), EligibleNeed.CarerHealth, EligibleNeed.Of(Enum.GetValues<CarerOutcome>()[0]) }
                .Select(n => (object?)n);
        }

        if (type == typeof(MissingItem))
        {
            return Enum.GetValues<AssessmentSection>().Select(s => (object?)new MissingItem(s, "Something is missing"))
                .Append(new MissingItem(AssessmentSection.Outcomes, "Answer " + Enum.GetValues<SpecifiedOutcome>()[0].Label().ToLowerInvariant()))
                .Append(new MissingItem(AssessmentSection.Wellbeing, "Answer " + Enum.GetValues<WellbeingArea>()[0].Label().ToLowerInvariant()));
        }

        throw new InvalidOperationException($"The test has no values for {parameter.Name} of {parameter.Member.Name}: add some.");
    }
}
