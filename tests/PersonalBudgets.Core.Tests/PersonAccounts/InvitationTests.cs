using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;

namespace PersonalBudgets.Core.Tests.PersonAccounts;

public sealed class InvitationTests
{
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Priya Shah");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static (PersonInvitation Invitation, string Code) New() =>
        PersonInvitation.Create(Guid.NewGuid(), InvitationDelivery.Email, " a@example.com ", Nurse, Now);

    [Fact]
    public void Create_ExpiresAfter14DaysAndStoresOnlyTheHash()
    {
        var (invitation, code) = New();

        invitation.ExpiresAt.ShouldBe(Now.AddDays(14));
        invitation.Email.ShouldBe("a@example.com");
        invitation.CodeHash.ShouldBe(OneTimeCodes.Hash(code));
        invitation.CodeHash.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));
        invitation.StateAt(Now).ShouldBe(InvitationState.Waiting);
    }

    [Fact]
    public void MarkUsed_WorksOnce()
    {
        var (invitation, _) = New();
        invitation.MarkUsed(Now.AddDays(1));

        invitation.StateAt(Now.AddDays(1)).ShouldBe(InvitationState.Used);
        Should.Throw<DomainException>(() => invitation.MarkUsed(Now.AddDays(1))).Field.ShouldBe("Code");
    }

    [Fact]
    public void EnsureUsable_RefusesFromTheMomentItExpires()
    {
        var (invitation, _) = New();

        Should.NotThrow(() => invitation.EnsureUsable(Now.AddDays(14).AddTicks(-1)));
        invitation.StateAt(Now.AddDays(14)).ShouldBe(InvitationState.Expired);
        Should.Throw<DomainException>(() => invitation.EnsureUsable(Now.AddDays(14))).Message.ShouldBe(PersonInvitation.Refused);
    }

    [Fact]
    public void Cancel_StopsTheCode()
    {
        var (invitation, _) = New();
        invitation.Cancel(Now);

        invitation.StateAt(Now).ShouldBe(InvitationState.Cancelled);
        Should.Throw<DomainException>(() => invitation.EnsureUsable(Now));
    }

    [Fact]
    public void Codes_AreRandomGroupedAndFromTheAlphabet()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => OneTimeCodes.NewInvitationCode()).ToList();

        codes.Distinct().Count().ShouldBe(200);
        codes.ShouldAllBe(c => c.Length == 19 && c[4] == '-' && c[9] == '-' && c[14] == '-');
        codes.ShouldAllBe(c => c.Replace("-", "", StringComparison.Ordinal).All(ch => OneTimeCodes.Alphabet.Contains(ch, StringComparison.Ordinal)));
    }

    [Fact]
    public void Hash_IgnoresCaseSpacesAndDashes_AndRefusesOtherText()
    {
        var code = OneTimeCodes.NewInvitationCode();

        OneTimeCodes.Hash(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)).ShouldBe(OneTimeCodes.Hash(code));
        OneTimeCodes.Hash(code).ShouldNotBe(OneTimeCodes.Hash(OneTimeCodes.NewInvitationCode()));
        OneTimeCodes.Hash("not a code!").ShouldBeNull();
        OneTimeCodes.Hash("").ShouldBeNull();
        OneTimeCodes.Hash(code)!.Length.ShouldBe(64);
    }

    [Fact]
    public void Account_LocksAfterFiveFailuresForFifteenMinutes()
    {
        var account = new PersonAccount();
        for (var i = 0; i < 4; i++)
        {
            account.RecordFailure(Now);
        }

        account.IsLockedOut(Now).ShouldBeFalse();
        account.RecordFailure(Now);
        account.IsLockedOut(Now).ShouldBeTrue();
        account.IsLockedOut(Now.AddMinutes(15)).ShouldBeFalse();
    }

    [Fact]
    public void Account_RecoveryCodeWorksOnce()
    {
        var account = new PersonAccount();
        var codes = OneTimeCodes.NewRecoveryCodes();
        account.SetRecoveryCodes(codes);

        account.RedeemRecoveryCode(codes[3].ToLowerInvariant()).ShouldBeTrue();
        account.RedeemRecoveryCode(codes[3]).ShouldBeFalse();
        account.RecoveryCodesLeft.ShouldBe(OneTimeCodes.RecoveryCodeCount - 1);
        account.RecoveryCodeHashes.ShouldNotContain(codes[4]);
    }

    [Fact]
    public void Account_SignOutEverywhereChangesTheStamp()
    {
        var account = new PersonAccount();
        var before = account.SecurityStamp;
        account.SignOutEverywhere();

        account.SecurityStamp.ShouldNotBe(before);
    }

    [Fact]
    public void StateOf_SaysNoneInvitedActiveOrLocked()
    {
        var (invitation, _) = New();
        PersonAccount.StateOf(null, null, Now).ShouldBe(PersonAccountState.None);
        PersonAccount.StateOf(null, invitation, Now).ShouldBe(PersonAccountState.Invited);
        PersonAccount.StateOf(null, invitation, Now.AddDays(15)).ShouldBe(PersonAccountState.None);
        var account = new PersonAccount();
        PersonAccount.StateOf(account, invitation, Now).ShouldBe(PersonAccountState.Active);
        account.LockoutEnd = Now.AddMinutes(1);
        PersonAccount.StateOf(account, invitation, Now).ShouldBe(PersonAccountState.Locked);
    }
}
