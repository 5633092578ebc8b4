using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>
/// The coinbase fields the block assembler chose (Core's node::CoinbaseTx), for clients that build their own coinbase:
/// they put <see cref="ScriptSigPrefix"/> first in the scriptSig, pay at most <see cref="BlockRewardRemaining"/>, and
/// end the outputs with <see cref="RequiredOutputs"/>.
/// </summary>
/// <param name="Version">The transaction version.</param>
/// <param name="Sequence">The input's sequence (non-final, so the lock time applies).</param>
/// <param name="ScriptSigPrefix">The BIP34 height push that must start the scriptSig.</param>
/// <param name="Witness">The witness reserved value, when the block commits to witnesses.</param>
/// <param name="BlockRewardRemaining">Subsidy plus fees, in satoshis.</param>
/// <param name="RequiredOutputs">Outputs that must close the coinbase (the witness commitment).</param>
/// <param name="LockTime">The lock time (the block height minus one).</param>
public sealed record CoinbaseTemplate(uint Version, uint Sequence, byte[] ScriptSigPrefix, uint256? Witness,
    long BlockRewardRemaining, IReadOnlyList<TxOut> RequiredOutputs, uint LockTime);
