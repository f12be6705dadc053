using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.People;
using PersonalBudgets.Core.SupportPlans;

namespace PersonalBudgets.Core.Tests.People;

/// <summary>How a record appears in Client Level Data: a carer's own record is an unpaid carer of the person they care for.</summary>
public sealed class CldClientTests
{
    private static readonly Actor Alice = new(Guid.NewGuid(), "Alice Author");
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APersonsOwnRecord_IsAServiceUser_LinkedToNobody()
    {
        var person = Person.Create(Guid.NewGuid(), PersonDetailsRulesTests.Valid(), Alice, Created);

        CldClient.TypeOf(person).ShouldBe(ClientType.ServiceUser);
        CldClient.TypeOf(person).Label().ShouldBe("Service user");
        CldClient.CaredForBy(person).ShouldBeNull();
    }

    [Fact]
    public void ACarersOwnRecord_IsAnUnpaidCarer_OfThePersonTheyCareFor()
    {
        var caredFor = Guid.NewGuid();
        var carer = Person.CreateCarer(Guid.NewGuid(), PersonDetailsRulesTests.Valid(), caredFor, null, Alice, Created);

        CldClient.TypeOf(carer).ShouldBe(ClientType.UnpaidCarer);
        CldClient.TypeOf(carer).Label().ShouldBe("Unpaid carer");
        CldClient.CaredForBy(carer).ShouldBe(caredFor);
    }

    [Fact]
    public void ClientTypes_AreTheExactReleaseTwoStrings()
    {
        Enum.GetValues<ClientType>().Select(t => t.Label())
            .ShouldBe(["Service user", "Unpaid carer", "Unpaid carer known by association"]);
    }

    [Theory]
    [InlineData(ServiceCategory.SupportToCaredForPerson, "Unpaid carer support: Support involving the person cared-for")]
    [InlineData(ServiceCategory.ShortBreak, "Unpaid carer support: Direct to unpaid carer")]
    [InlineData(ServiceCategory.Wellbeing, "Unpaid carer support: Direct to unpaid carer")]
    public void ACarersService_IsSupportInvolvingThePersonCaredFor_OnlyWhenItIsSupportToThem(ServiceCategory category, string expected)
    {
        CldClient.ServiceTypeForCarer(category).Label().ShouldBe(expected);
    }
}
