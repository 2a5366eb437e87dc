"""The official OS-interaction std data: problem files of groups 1-7 and the scripts they name."""

from tasks.agentbench import agentbench_source

_FILES = (
    ("data/os_interaction/data/1/stock.json", "e52d47b06201d9cad170f446429cc384541a5344fbed1cf478d99cd357508040"),
    ("data/os_interaction/data/2/environment.json", "4aea8438c25429144b856acb2159aab16d773519f29890dab156f04f38fdf2d5"),
    ("data/os_interaction/data/3/ac.json", "bc80aa92e75142b18b8c8158a2e059a45f158b303bea7249eaec1d0325e81b81"),
    ("data/os_interaction/data/4/N11.json", "fd288d038814c5ded8943763f96e001a3e36d5d3c7e7cca52dcd64ffe7f7241a"),
    ("data/os_interaction/data/4/N225.json", "36e92aeb36140d2c751558d7a63fc8e6275574e213789465fabbcffad64e94a2"),
    ("data/os_interaction/data/4/N37.json", "7372923d614b249e560311c1e61b1ab12afa1d5cbd955e77465d6abd74e9ddaf"),
    ("data/os_interaction/data/4/N4.json", "9a81d1f035de9de4a1495abcc85f7cede6f2c53783162f280ea98c76869f4393"),
    ("data/os_interaction/data/4/N41.json", "eb179d6da5e905031a2fe3f2709ee5c3673f8066f484ba4d8e69952891ab165e"),
    ("data/os_interaction/data/4/Q09.json", "757d5be008acc9eaedb664b053f324ab7d80da985453f3cf9921b18c61c7da94"),
    ("data/os_interaction/data/4/Q19.json", "c80d9180a794f7c574cce319b23b335329e03caa553b51449cbda832589a932b"),
    ("data/os_interaction/data/4/Q30.json", "d63aae719a83d31b7d632848930ab8b8cba3cd0582b579cfdb7f0b579958bb0e"),
    ("data/os_interaction/data/4/Q47.json", "b79657df4e238eaa0c6d26f27649deef70207123291a5206edf3f0b98eb7856c"),
    ("data/os_interaction/data/4/Q49.json", "a5c32d5e0da858077913d7e5006f2d32ad1ea1aa69cc5b9f21ad1d74082e5114"),
    ("data/os_interaction/data/5/new.json", "735d0c0b3aa8fd1bef0d969470a2ac44c0af92542365c05c5f89ce3ddb47801e"),
    ("data/os_interaction/data/6/new.json", "0c3234d860953ece19bf07e1f89c1d18048b1c7095f419c6d1eeaec64f7bf433"),
    ("data/os_interaction/data/7/bootstrap.json", "8cd69d924fbd627d341458287b5eb3780e095f0f25459fb0d8c45ae9031ab986"),
    ("data/os_interaction/scripts/1/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
    ("data/os_interaction/scripts/1/check/string-match.py", "c0afd9384f5c2e492b5c158731e5fefb000692c4ba6a6be89f168aca7e89faec"),
    ("data/os_interaction/scripts/1/init/stock-log.sh", "2fc591294f8db0333a95bb382f7e83776ccc6143cca122acc201e8d4222da9fc"),
    ("data/os_interaction/scripts/2/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
    ("data/os_interaction/scripts/2/check/string-match.py", "c0afd9384f5c2e492b5c158731e5fefb000692c4ba6a6be89f168aca7e89faec"),
    ("data/os_interaction/scripts/2/init/nested_folders.sh", "541a2a42507855a5b9b2f01a6ef3d17345a5d27e53233276ecb5be495d7705f2"),
    ("data/os_interaction/scripts/3/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
    ("data/os_interaction/scripts/3/check/string-match.py", "c0afd9384f5c2e492b5c158731e5fefb000692c4ba6a6be89f168aca7e89faec"),
    ("data/os_interaction/scripts/4/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
    ("data/os_interaction/scripts/4/check/string-match.py", "c0afd9384f5c2e492b5c158731e5fefb000692c4ba6a6be89f168aca7e89faec"),
    ("data/os_interaction/scripts/5/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
    ("data/os_interaction/scripts/5/check/size-match.py", "b0d6ed977b4802f01725edd90c96f056021a75fe09ebf890a1a3a01dfc934b29"),
    ("data/os_interaction/scripts/5/checking/0.sh", "8ddd84de17464a4b6a37e96f5d6ac937ce1dd5c5196eed78bd5a55487d5b67d1"),
    ("data/os_interaction/scripts/5/checking/1.sh", "65ee4f3754ec893af569af2a8d97c232e2952cb884238b3dbf94e34e4001835c"),
    ("data/os_interaction/scripts/5/checking/2.sh", "1c06c3f29f90b9dd728faf14540bd9602f077af6777baf2c1fe13ae0b5e23285"),
    ("data/os_interaction/scripts/5/example/0.sh", "23970a83ef56b0b17071f3408f5ac5e81fd9108df800ca2d33144c203eabd332"),
    ("data/os_interaction/scripts/5/example/1.sh", "099440ccb493c66235ed6ddbfd81d83bfb56240bb1f88ebe4b775582e53dc9f3"),
    ("data/os_interaction/scripts/5/example/2.sh", "d21b7deca845f6d815ae7bf6656952a4082046dab0a8c856f9e89d0bce396e86"),
    ("data/os_interaction/scripts/7/check/integer-match.py", "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8"),
)

OS_SOURCE = agentbench_source("agentbench-os", dict(_FILES))

_DEV_FILES = {
    "data/os_interaction/data/dev.json": "c5554248e6c1cb606e27d2f81025b751a490c9a5ccd37aabf4c86879a52e9274",
    "data/os_interaction/scripts/dev/check/0.sh": "bc75b2778c644ec42abb46abec6eadf52812f10c02255a1c3b2b55c3ced0ae0c",
    "data/os_interaction/scripts/dev/check/containing.py": "107c1f4a4065702276084876fca4316d3d4de14b24c3e7d89cb7e532e0794c31",
    "data/os_interaction/scripts/dev/check/in.py": "35325fb698f3c8d2009c70466237f2d0a98df20bf8e19558d7677beefa8e54b8",
    "data/os_interaction/scripts/dev/check/integer-match.py": "1f1fd1b34581794346c577bea54d50c87a547f483e552259cb66563c25f5fed8",
    "data/os_interaction/scripts/dev/check/size-match.py": "b0d6ed977b4802f01725edd90c96f056021a75fe09ebf890a1a3a01dfc934b29",
    "data/os_interaction/scripts/dev/check/string-match.py": "c0afd9384f5c2e492b5c158731e5fefb000692c4ba6a6be89f168aca7e89faec",
    "data/os_interaction/scripts/dev/example/0.sh": "23970a83ef56b0b17071f3408f5ac5e81fd9108df800ca2d33144c203eabd332",
    "data/os_interaction/scripts/dev/init/stock-log.sh": "2fc591294f8db0333a95bb382f7e83776ccc6143cca122acc201e8d4222da9fc",
}

OS_DEV_SOURCE = agentbench_source("agentbench-os-dev", _DEV_FILES)
"""The dev split (26 problems; ``configs/tasks/os.yaml``: ``data/dev.json`` + ``scripts/dev/``), at
the same revision as std (identical to AgentBench.old's copy in AgentTuning @ e33a45d)."""
