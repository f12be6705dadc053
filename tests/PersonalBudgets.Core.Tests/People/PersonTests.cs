using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;

namespace PersonalBudgets.Core.Tests.People;

public sealed class PersonTests
{
    private static readonly Actor Alice = new(Guid.NewGuid(), "Alice Author");
    private static readonly Actor Bob = new(Guid.NewGuid(), "Bob Editor");
    private static readonly Actor Carol = new(Guid.NewGuid(), "Carol Latecomer");
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Person NewPerson() => Person.Create(Guid.NewGuid(), PersonDetailsRulesTests.Valid(), Alice, Created);

    [Fact]
    public void Create_StartsAtVersionOneStampedByTheCreator()
    {
        var person = NewPerson();
        person.Version.ShouldBe(1);
        person.UpdatedByName.ShouldBe("Alice Author");
        person.UpdatedById.ShouldBe(Alice.UserId);
        person.CreatedAt.ShouldBe(Created);
        person.SearchName.ShouldBe("alex example");
        person.SearchPostcode.ShouldBe("LS14AP");
    }

    [Fact]
    public void Update_ListsEachChangedFieldWithBeforeAndAfter()
    {
        var person = NewPerson();
        var changes = person.Update(PersonDetailsRulesTests.Valid() with { LegalFirstName = "Sam", Postcode = "M1 1AE" }, 1, Bob, Created.AddHours(1));

        changes.ShouldBe(
        [
            new FieldChange("Legal first name", "Alex", "Sam"),
            new FieldChange("Postcode", "LS1 4AP", "M1 1AE"),
        ], ignoreOrder: true);
        person.LegalFirstName.ShouldBe("Sam");
        person.Version.ShouldBe(2);
        person.UpdatedByName.ShouldBe("Bob Editor");
        person.UpdatedAt.ShouldBe(Created.AddHours(1));
        person.SearchName.ShouldBe("sam example");
    }

    [Fact]
    public void Update_WhenNothingChanged_ReturnsNoChangesAndKeepsTheVersion()
    {
        var person = NewPerson();
        var changes = person.Update(PersonDetailsRulesTests.Valid(), 1, Bob, Created.AddHours(1));

        changes.ShouldBeEmpty();
        person.Version.ShouldBe(1);
        person.UpdatedByName.ShouldBe("Alice Author");
        person.UpdatedAt.ShouldBe(Created);
    }

    [Fact]
    public void Update_WhenSomeoneElseSavedFirst_ThrowsConflictNamingThem()
    {
        var person = NewPerson();
        person.Update(PersonDetailsRulesTests.Valid() with { LegalFirstName = "Sam" }, 1, Bob, Created.AddHours(1));

        var conflict = Should.Throw<ConcurrencyConflictException>(
            () => person.Update(PersonDetailsRulesTests.Valid() with { LegalLastName = "Other" }, 1, Carol, Created.AddHours(2)));

        conflict.ChangedBy.ShouldBe("Bob Editor");
        conflict.ChangedAt.ShouldBe(Created.AddHours(1));
        conflict.ErrorCode.ShouldBe("concurrency-conflict");
        conflict.Message.ShouldStartWith("This record was changed by Bob Editor at ");
        person.LegalLastName.ShouldBe("Example");
        person.LegalFirstName.ShouldBe("Sam");
        person.Version.ShouldBe(2);
    }

    [Fact]
    public void Update_WhenTheExpectedVersionIsAhead_Throws()
    {
        var person = NewPerson();
        Should.Throw<ConcurrencyConflictException>(() => person.Update(PersonDetailsRulesTests.Valid(), 2, Bob, Created));
    }

    [Fact]
    public void RecordAllocation_ChangesTheVersionSoEditsStartedEarlierConflict()
    {
        var person = NewPerson();
        var keyWorker = Guid.NewGuid();
        person.RecordAllocation(keyWorker, Bob, Created.AddMinutes(5));

        person.KeyWorkerId.ShouldBe(keyWorker);
        person.Version.ShouldBe(2);
        Should.Throw<ConcurrencyConflictException>(() => person.EnsureVersion(1)).ChangedBy.ShouldBe("Bob Editor");
        Should.NotThrow(() => person.EnsureVersion(2));
    }

    [Fact]
    public void DisplayName_PrefersThePreferredName()
    {
        NewPerson().DisplayName.ShouldBe("Alex Example");
        Person.Create(Guid.NewGuid(), PersonDetailsRulesTests.Valid() with { PreferredName = "Lex" }, Alice, Created).DisplayName.ShouldBe("Lex Example");
    }

    [Theory]
    [InlineData(false, null, null, "2026-06-01", false)]
    [InlineData(true, null, null, "2026-06-01", true)]
    [InlineData(true, "2026-06-01", null, "2026-05-31", false)]
    [InlineData(true, "2026-06-01", null, "2026-06-01", true)]
    [InlineData(true, "2026-01-01", "2026-06-30", "2026-06-30", true)]
    [InlineData(true, "2026-01-01", "2026-06-30", "2026-07-01", false)]
    public void Section117InForceOn_CountsTheStartAndEndDays(bool eligible, string? start, string? end, string day, bool expected)
    {
        var details = PersonDetailsRulesTests.Valid() with
        {
            Section117Eligible = eligible,
            Section117StartDate = start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            Section117EndDate = end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
        };
        var person = Person.Create(Guid.NewGuid(), details, Alice, Created);

        person.Section117InForceOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }
}
