using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

public sealed partial class ChainParams
{
    // Testnet (v3): the public test network that has been reset a few times.
    private static ChainParams CreateTestnet(ChainParamsOptions options)
    {
        var genesis = GenesisBlockFactory.Create(1296688602, 414098458, 0x1d00ffff, 1, Money.Coins(50));
        CheckGenesis(genesis,
            "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943",
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        var consensus = new ConsensusParams
        {
            HashGenesisBlock = genesis.GetHash(),
            SubsidyHalvingInterval = 210000,
            ScriptFlagExceptions = new Dictionary<uint256, ScriptVerifyFlags>
            {
                // BIP16 exception
                [uint256.Parse("00000000dd30457c001f4095d208cc1296b0eed002427aa599874af7a432b105")] = ScriptVerifyFlags.None,
            },
            Bip34Height = 21111,
            Bip34Hash = uint256.Parse("0000000023b3a96d3484e5abb3755c413e7d41500f8e2a5c3f0dd01299cd8ef8"),
            Bip65Height = 581885,
            Bip66Height = 330776,
            CsvHeight = 770112,
            SegwitHeight = 834624,
            MinBip9WarningHeight = 2013984,
            PowLimit = ArithUInt256.Parse("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            PowTargetTimespan = 14 * 24 * 60 * 60,
            PowTargetSpacing = 10 * 60,
            PowAllowMinDifficultyBlocks = true,
            EnforceBip94 = false,
            PowNoRetargeting = false,
            Deployments = [TestDummy(threshold: 1512, period: 2016)],
            MinimumChainWork = ArithUInt256.Parse("0000000000000000000000000000000000000000000017dde1c649f3708d14b6"),
            DefaultAssumeValid = uint256.Parse("000000007a61e4230b28ac5cb6b5e5a0130de37ac1faf2f8987d2fa6505b67f4"),
        };
        consensus = ApplyDeploymentOptions(consensus, options);
        return new ChainParams(ChainType.Testnet, Network.TestNet, genesis, consensus, [0x0b, 0x11, 0x09, 0x07])
        {
            DefaultPort = 18333,
            PruneAfterHeight = 1000,
            AssumedBlockchainSize = 245,
            AssumedChainStateSize = 19,
            DnsSeeds =
            [
                "testnet-seed.bitcoin.jonasschnelli.ch.", "seed.tbtc.petertodd.net.", "testnet-seed.bluematt.me.",
                "seed.testnet.achownodes.xyz.",
            ],
            Bech32Hrp = "tb",
            DefaultConsistencyChecks = false,
            IsMockableChain = false,
            Assumeutxo =
            [
                new(2_500_000, uint256.Parse("f841584909f68e47897952345234e37fcd9128cd818f41ee6c3ca68db8071be7"), 66484552,
                    uint256.Parse("0000000000000093bcb68c03a9a168ae252572d348a2eaeba2cdf9231d73206f")),
                new(4_840_000, uint256.Parse("ce6bb677bb2ee9789c4a1c9d73e6683c53fc20e8fdbedbdaaf468982a0c8db2a"), 536078574,
                    uint256.Parse("00000000000000f4971a7fb37fbdff89315b69a2e1920c467654a382f0d64786")),
            ],
            TxData = new ChainTxData(1772051651, 536108416, 0.02691479016257117),
            HeadersSync = new HeadersSyncParams(673, 14460),
        };
    }
}
