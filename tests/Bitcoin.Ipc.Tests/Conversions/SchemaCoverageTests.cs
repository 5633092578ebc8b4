using System.Reflection;
using Bitcoin.Interfaces;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Tests.Conversions;

/// <summary>
/// Every member of the interfaces that cross processes has a method in the schema, so a member added to an interface
/// cannot be forgotten here. C# names map to Core's schema names by case, except the few Core spells otherwise.
/// </summary>
public sealed class SchemaCoverageTests
{
    // C# member -> schema method, where the names differ by more than the first letter's case.
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["IsRbfOptIn"] = "IsRBFOptIn",
        ["MaximumFeeEstimationTargetBlocks"] = "EstimateMaxBlocks",
        ["FillPsbt"] = "FillPSBT",
        ["Dispose"] = "Destroy",
    };

    public static TheoryData<Type, Type[]> Interfaces() => new()
    {
        { typeof(IChain), [typeof(M.Chain.Methods)] },
        { typeof(IChainNotifications), [typeof(M.ChainNotifications.Methods)] },
        { typeof(IChainClient), [typeof(M.ChainClient.Methods)] },
        { typeof(IWalletLoader), [typeof(M.WalletLoader.Methods), typeof(M.ChainClient.Methods)] },
        { typeof(IWallet), [typeof(M.Wallet.Methods)] },
        { typeof(IHandler), [typeof(M.Handler.Methods)] },
        { typeof(IRpcActorCallback), [typeof(M.ActorCallback.Methods)] },
        { typeof(ISettingsUpdateCallback), [typeof(M.SettingsUpdateCallback.Methods)] },
        { typeof(IUnloadWalletCallback), [typeof(M.UnloadWalletCallback.Methods)] },
        { typeof(IShowWalletProgressCallback), [typeof(M.ShowWalletProgressCallback.Methods)] },
        { typeof(IStatusChangedCallback), [typeof(M.StatusChangedCallback.Methods)] },
        { typeof(IAddressBookChangedCallback), [typeof(M.AddressBookChangedCallback.Methods)] },
        { typeof(ITransactionChangedCallback), [typeof(M.TransactionChangedCallback.Methods)] },
        { typeof(ICanGetAddressesChangedCallback), [typeof(M.CanGetAddressesChangedCallback.Methods)] },
        { typeof(ILoadWalletCallback), [typeof(M.LoadWalletCallback.Methods)] },
    };

    [Theory]
    [MemberData(nameof(Interfaces))]
    public void EveryInterfaceMemberHasASchemaMethod(Type csharpInterface, Type[] schemaMethods)
    {
        var schema = schemaMethods.SelectMany(static t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(static f => f.Name).ToHashSet();
        var members = csharpInterface.GetMethods().Select(static m => m.Name)
            .Concat(typeof(IDisposable).IsAssignableFrom(csharpInterface) ? ["Dispose"] : [])
            .Distinct();
        var missing = members.Select(static m => Renamed.GetValueOrDefault(m, m)).Where(m => !schema.Contains(m)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void InterfaceIdsFollowCoresFileIdsAndNames()
    {
        // Interface ids derive from the file id and the type name; these are what Core's branch schemas compile to.
        Assert.Equal(0x94f21a4864bd2c65UL, M.ChainSchema.FileId);
        Assert.Equal(0xe234cce74feea00cUL, M.WalletSchema.FileId);
        Assert.Equal(0xebd8f46e2f369076UL, M.HandlerSchema.FileId);
        Assert.Equal(0x92546c47dc734b2eUL, M.NodeSchema.FileId);
        Assert.Equal((ushort)5, M.Init.Methods.MakeChain);
        Assert.Equal((ushort)6, M.Init.Methods.MakeNode);
        Assert.Equal((ushort)7, M.Init.Methods.MakeWalletLoader);
    }
}
