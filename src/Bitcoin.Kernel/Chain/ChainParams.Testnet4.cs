using Bitcoin.Common.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

public sealed partial class ChainParams
{
    // Testnet (v4): the public test network with BIP94's timewarp and block-storm fixes.
    private static ChainParams CreateTestnet4(ChainParamsOptions options)
    {
        var genesis = GenesisBlockFactory.Create(
            "03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e",
            GenesisBlockFactory.PayToPubKey(new byte[33]),
            1714777860, 393743547, 0x1d00ffff, 1, Money.Coins(50));
        CheckGenesis(genesis,
            "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
            "7aa0a7ae1e223414cb807e40cd57e667b718e42aaf9306db9102fe28912b7b4e");
        var consensus = new ConsensusParams
        {
            HashGenesisBlock = genesis.GetHash(),
            SubsidyHalvingInterval = 210000,
            Bip34Height = 1,
            Bip34Hash = uint256.Zero,
            Bip65Height = 1,
            Bip66Height = 1,
            CsvHeight = 1,
            SegwitHeight = 1,
            MinBip9WarningHeight = 0,
            PowLimit = ArithUInt256.Parse("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            PowTargetTimespan = 14 * 24 * 60 * 60,
            PowTargetSpacing = 10 * 60,
            PowAllowMinDifficultyBlocks = true,
            EnforceBip94 = true,
            PowNoRetargeting = false,
            Deployments = [TestDummy(threshold: 1512, period: 2016)],
            MinimumChainWork = ArithUInt256.Parse("0000000000000000000000000000000000000000000009a0fe15d0177d086304"),
            DefaultAssumeValid = uint256.Parse("0000000002368b1e4ee27e2e85676ae6f9f9e69579b29093e9a82c170bf7cf8a"),
        };
        consensus = ApplyDeploymentOptions(consensus, options);
        return new ChainParams(ChainType.Testnet4, NBitcoin.Bitcoin.Instance.Testnet4, genesis, consensus, [0x1c, 0x16, 0x3f, 0x28])
        {
            DefaultPort = 48333,
            PruneAfterHeight = 1000,
            AssumedBlockchainSize = 31,
            AssumedChainStateSize = 2,
            DnsSeeds = ["seed.testnet4.bitcoin.sprovoost.nl.", "seed.testnet4.wiz.biz."],
            Bech32Hrp = "tb",
            DefaultConsistencyChecks = false,
            IsMockableChain = false,
            Assumeutxo =
            [
                new(90_000, uint256.Parse("784fb5e98241de66fdd429f4392155c9e7db5c017148e66e8fdbc95746f8b9b5"), 11347043,
                    uint256.Parse("0000000002ebe8bcda020e0dd6ccfbdfac531d2f6a81457191b99fc2df2dbe3b")),
                new(120_000, uint256.Parse("10b05d05ad468d0971162e1b222a4aa66caca89da2bb2a93f8f37fb29c4794b0"), 14141057,
                    uint256.Parse("000000000bd2317e51b3c5794981c35ba894ce27d3e772d5c39ecd9cbce01dc8")),
            ],
            TxData = new ChainTxData(1772013387, 14191421, 0.01848579579528412),
            HeadersSync = new HeadersSyncParams(606, 16092),
        };
    }
}
