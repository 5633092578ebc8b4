using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>An output a <see cref="TestChainBuilder"/> holds the key for; <see cref="Height"/> is set for coinbases.</summary>
public sealed record SpendableOutput(OutPoint OutPoint, TxOut Output, Key Key, int? Height, bool IsCoinbase);
