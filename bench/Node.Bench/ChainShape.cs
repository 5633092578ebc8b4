namespace Node.Bench;

/// <summary>What the benchmark chain holds.</summary>
/// <param name="Blocks">Blocks above genesis.</param>
/// <param name="Transactions">Transactions, coinbases included.</param>
/// <param name="Inputs">Inputs of non-coinbase transactions (each is a script verification and a coin look-up).</param>
/// <param name="WitnessV0KeyHashSpends">P2WPKH inputs.</param>
/// <param name="TaprootSpends">P2TR key-path inputs.</param>
internal sealed record ChainShape(int Blocks, int Transactions, int Inputs, int WitnessV0KeyHashSpends, int TaprootSpends);
