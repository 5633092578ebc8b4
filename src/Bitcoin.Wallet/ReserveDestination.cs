using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;

namespace Bitcoin.Wallet;

/// <summary>
/// A change address reserved while a transaction is built (Core's <c>ReserveDestination</c>): call
/// <see cref="KeepDestination"/> once the transaction is committed, or <see cref="ReturnDestination"/> (also done by
/// <see cref="Dispose"/>) to give it back if it was not used. The descriptor's next index is written when the address
/// is reserved, so a crash never reuses it.
/// </summary>
public sealed class ReserveDestination : IDisposable
{
    private readonly DescriptorWallet _wallet;
    private readonly OutputType _type;
    private DescriptorScriptPubKeyMan? _spkm;
    private long _index = -1;
    private TxDestination? _destination;
    private bool _internal;

    /// <summary>Prepares to reserve an address of <paramref name="type"/> from <paramref name="wallet"/>.</summary>
    public ReserveDestination(DescriptorWallet wallet, OutputType type)
    {
        _wallet = wallet ?? throw new ArgumentNullException(nameof(wallet));
        _type = type;
    }

    /// <summary>The reserved address (reserving one on the first call); fails with Core's messages ("Error: No bech32 addresses available.", "Error: Keypool ran out, please call keypoolrefill first").</summary>
    public InterfaceResult<TxDestination> GetReservedDestination(bool internalChain)
    {
        _spkm = _wallet.GetScriptPubKeyMan(_type, internalChain);
        if (_spkm is null)
            return InterfaceResult<TxDestination>.Failure($"Error: No {OutputTypes.Format(_type)} addresses available.");
        if (_index == -1)
        {
            var result = _spkm.GetReservedDestination(_type, internalChain, out var index);
            if (!result.Succeeded) return result;
            _index = index;
            _destination = result.Value;
            _internal = internalChain;
        }

        return InterfaceResult<TxDestination>.Success(_destination!);
    }

    /// <summary>Keeps the reserved address (it stays used).</summary>
    public void KeepDestination()
    {
        _index = -1;
        _destination = null;
    }

    /// <summary>Gives the reserved address back if it is still the last one handed out.</summary>
    public void ReturnDestination()
    {
        if (_index != -1 && _spkm is not null && _destination is not null)
            _spkm.ReturnDestination(_index, _internal, _destination);
        _index = -1;
        _destination = null;
    }

    /// <summary>Returns an address that was neither kept nor returned.</summary>
    public void Dispose() => ReturnDestination();
}
