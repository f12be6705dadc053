using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;

namespace PersonalBudgets.Core.Tests.Budgets;

/// <summary>What stops a version being published, publishing and retiring, and past results never changing.</summary>
public sealed class RasVersionTests
{
    private static readonly Actor Admin = new(Guid.NewGuid(), "Alex Admin");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static RasQuestion Q(string id, params int[] points) =>
        new(id, $"Question {id}", null, points.Select((p, i) => new RasAnswer($"{id}-{i}", $"Answer {i}", p)).ToList());

    private static RasDefinition Valid(decimal price = 4.50m) => new([Q("a", 0, 10), Q("b", 0, 5)], new RasConversion(price, [], 25m, 600m));

    public static TheoryData<string, RasDefinition, string> Gaps() => new()
    {
        { "no questions", new RasDefinition([], new RasConversion(4.5m, [], 0, 100)), "Add at least one question" },
        { "a question with one answer", new RasDefinition([Q("a", 0, 10), Q("b", 5)], new RasConversion(4.5m, [], 0, 100)), "Question 2 needs at least 2 answers" },
        { "a question with no answers", new RasDefinition([Q("a")], new RasConversion(4.5m, [], 0, 100)), "Question 1 needs at least 2 answers" },
        { "negative points", new RasDefinition([Q("a", 0, -3)], new RasConversion(4.5m, [], 0, 100)), "Question 1, answer \"Answer 1\": points cannot be negative" },
        { "a question with no wording", new RasDefinition([new RasQuestion("a", " ", null, [new("a-0", "x", 0), new("a-1", "y", 1)])], new RasConversion(4.5m, [], 0, 100)), "Question 1 has no wording" },
        { "a deduction over 100%", new RasDefinition([new RasQuestion("a", "A", null, [new("a-0", "x", 0), new("a-1", "y", 0, 101m)])], new RasConversion(4.5m, [], 0, 100)), "Question 1, answer \"y\": a deduction must be between 0% and 100%" },
        { "maximum below minimum", new RasDefinition([Q("a", 0, 10)], new RasConversion(4.5m, [], 100m, 50m)), "The maximum weekly amount cannot be below the minimum" },
        { "negative minimum", new RasDefinition([Q("a", 0, 10)], new RasConversion(4.5m, [], -1m, 50m)), "The minimum weekly amount cannot be negative" },
        { "negative price", new RasDefinition([Q("a", 0, 10)], new RasConversion(-1m, [], 0m, 50m)), "The price per point cannot be negative" },
        { "no conversion", new RasDefinition([Q("a", 0, 10)], new RasConversion(null, [], 0m, 50m)), "Set a price per point or at least one band" },
        { "overlapping bands", new RasDefinition([Q("a", 0, 10)], new RasConversion(null, [new(0, 5, 10m), new(5, 10, 20m)], 0m, 50m)), "The bands from 0 and from 5 points overlap" },
        { "a gap between bands", new RasDefinition([Q("a", 0, 10)], new RasConversion(null, [new(0, 3, 10m), new(6, 10, 20m)], 0m, 50m)), "No band covers 4 to 5 points" },
        { "bands not starting at 0", new RasDefinition([Q("a", 0, 10)], new RasConversion(null, [new(2, 10, 10m)], 0m, 50m)), "No band covers 0 to 1 points" },
        { "bands short of the highest total", new RasDefinition([Q("a", 0, 10), Q("b", 0, 5)], new RasConversion(null, [new(0, 12, 10m)], 0m, 50m)), "No band covers 13 to 15 points (the highest possible total)" },
        { "a band with a negative amount", new RasDefinition([Q("a", 0, 10)], new RasConversion(4.5m, [new(0, 10, -5m)], 0m, 50m)), "The band from 0 to 10 points has a negative amount" },
        { "a reversed band", new RasDefinition([Q("a", 0, 10)], new RasConversion(4.5m, [new(8, 2, 5m)], 0m, 50m)), "The band from 8 to 2 points is not a valid range" },
        { "a repeated question reference", new RasDefinition([Q("a", 0, 10), Q("a", 0, 5)], new RasConversion(4.5m, [], 0m, 50m)), "Question reference a is used more than once" },
    };

    [Theory]
    [MemberData(nameof(Gaps))]
    public void Problems_ListEachGap_AndPublishingIsRefused(string name, RasDefinition definition, string problem)
    {
        definition.Problems().ShouldContain(problem, name);
        var draft = RasVersion.CreateDraft(2, "Draft", definition, false, Admin, Now);

        var ex = Should.Throw<DomainException>(() => draft.Publish(Admin, Now, null), name);

        ex.ErrorCode.ShouldBe("ras-version-incomplete");
        ex.Message.ShouldContain(problem);
        draft.Status.ShouldBe(RasVersionStatus.Draft);
    }

    [Fact]
    public void Problems_BandsCoveringEveryTotal_AreFine()
    {
        var definition = new RasDefinition([Q("a", 0, 10), Q("b", 0, 5)], new RasConversion(null, [new(0, 5, 10m), new(6, 15, 20m)], 0m, 50m));

        definition.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Publish_RetiresThePreviousVersion()
    {
        var v1 = RasVersion.CreateDraft(1, "First", Valid(), false, Admin, Now);
        v1.Publish(Admin, Now, null);
        var v2 = RasVersion.CreateDraft(2, "Second", Valid(5m), false, Admin, Now.AddDays(1));

        v2.Publish(Admin, Now.AddDays(1), v1);

        v2.Status.ShouldBe(RasVersionStatus.Published);
        v2.PublishedByName.ShouldBe("Alex Admin");
        v2.PublishedAt.ShouldBe(Now.AddDays(1));
        v1.Status.ShouldBe(RasVersionStatus.Retired);
    }

    [Fact]
    public void PublishedAndRetiredVersions_CannotBeChangedOrPublishedAgain()
    {
        var v1 = RasVersion.CreateDraft(1, "First", Valid(), false, Admin, Now);
        v1.Publish(Admin, Now, null);

        Should.Throw<DomainException>(() => v1.UpdateDraft(Valid(9m), v1.Revision)).ErrorCode.ShouldBe("ras-version-frozen");
        Should.Throw<DomainException>(() => v1.Publish(Admin, Now, null)).ErrorCode.ShouldBe("ras-version-not-draft");
    }

    [Fact]
    public void UpdateDraft_WithAnOldRevision_IsAConflict()
    {
        var draft = RasVersion.CreateDraft(2, "Draft", Valid(), false, Admin, Now);
        var loaded = draft.Revision;
        draft.UpdateDraft(Valid(5m), loaded);

        Should.Throw<ConcurrencyConflictException>(() => draft.UpdateDraft(Valid(6m), loaded));
        draft.Definition.Conversion.PricePerPoint.ShouldBe(5m);
    }

    [Fact]
    public void CreateDraft_NeedsAName() =>
        Should.Throw<ValidationFailedException>(() => RasVersion.CreateDraft(2, " ", Valid(), false, Admin, Now))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("Name");

    [Fact]
    public void AnIndicativeBudget_IsUnchangedByANewVersion()
    {
        var v1 = RasVersion.CreateDraft(1, "First", Valid(4.50m), false, Admin, Now);
        v1.Publish(Admin, Now, null);
        var answers = new Dictionary<string, string> { ["a"] = "a-1", ["b"] = "b-1" };
        var budget = IndicativeBudget.Calculate(Guid.NewGuid(), null, v1, answers, CompletedWith.PractitionerWithPerson, Admin, Now);
        var stored = (budget.WeeklyAmount, budget.AnnualAmount, budget.ResultJson);

        var v2 = RasVersion.CreateDraft(2, "Second", Valid(9.00m), false, Admin, Now.AddDays(1));
        v2.Publish(Admin, Now.AddDays(1), v1);
        var underNewVersion = IndicativeBudget.Calculate(budget.PersonId, null, v2, answers, CompletedWith.PractitionerWithPerson, Admin, Now.AddDays(1));

        budget.WeeklyAmount.ShouldBe(67.50m);
        (budget.WeeklyAmount, budget.AnnualAmount, budget.ResultJson).ShouldBe(stored);
        budget.Result.Weekly.ShouldBe(67.50m);
        budget.RasVersionNumber.ShouldBe(1);
        underNewVersion.WeeklyAmount.ShouldBe(135.00m);
        Should.Throw<DomainException>(() => IndicativeBudget.Calculate(budget.PersonId, null, v1, answers, CompletedWith.Person, Admin, Now))
            .ErrorCode.ShouldBe("ras-version-not-published");
    }
}
