namespace LtiTool.Testing;

/// <summary>
/// Fixed keys for tests only. TEST KEYS: published in this repository, never trusted anywhere.
/// Fixed keys keep tests fast (no RSA key generation) and repeatable.
/// </summary>
public static class TestKeys
{
    public const string PlatformPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC+raMw+2IA2XdZ
        LKnjyW3Thj/JZ4oJdISfVJrVUCAXGzRUB1LrCJflOKQdb+Zm/V10N42XCbgI0oof
        l4cKW1kmMdTgpObELXr87vfKXFVL+swtrTIbxpva5RJx+k1bcocWtJnGitAE4VOl
        KCeVRj/MSzKsM86ZJvLi0pifWpY7S5phZ37ZUtS9ZZe7m4zLpRaE2HLM+N6U3pN3
        WIrs5u7J7sCJTjr+gURi9VgQw5m3T1oykFv2Z85Mvcz4Vq0tLgj/5X7DlnjBAafE
        OascR7Uul6KJLQGQ87oZyNPamX2CQAkF8LRx1l97movuvc7fJEO+Ms+S0kN9+SmS
        11cMKGLRAgMBAAECggEAAtgaszNj6xc5t0NAcBTtvGYhsFdvYOqgXTMMUZdUHzW1
        6/UlaLst7tdpMhI2LNeYvwMvUe8tOlGpPN7ly5yaTnfkUPFMvhgSk1BdZe/G8VVX
        ADoEexMVLI7wENiqGKDZwH4zPZmnXPp42BTdzRV2HdrXF7TFhZXMSvm95cFnZ8N9
        ycmG7jIYtZt8FCCJHEG/2RXpQ2BcRL7o1+FyvWcMwWOIGKRq+vGBdvdNCvC7CGM0
        zQd+/OkdRnCPgUyMcduWipK0r+7Z2GHMPNooy8XN8i1xIMR9ZNjf7Tcsu35OzWYy
        HXbED3GJU9lEMmaa37x7CiQHcR3nWHwL9f9r+OVZMQKBgQDhgbUiaCrSbEPDk7eM
        PXq2cfObIccxYFNHTOkrNK6CpGG8JlMOI1/dItcPG2zO6KRfu0d/NW8UHz8WchA3
        sogoiud/Op5SylHu452kjKiqOu9XX1AGqVlvuHF1iUo71m5DPyax5FMb8nTuPmN9
        89WG4HlTP3unwzXJ136UcgLfaQKBgQDYdklNu0YtG2ILkP373qNw1odCn5mGrmOg
        Ld4uxjHBauMCUxuJn6yrJmknafX4LFGaH9gNqHItbf/i4mPoqjxkYC/HWg6IFMPb
        A2n7InulGT1/cfrlk/rTef8xuloWGxDyegzmkYvp1Tl0WMROIeh+TC4oSiJpm+O+
        T5nfBkVjKQKBgC6ICCtAWU2wH0905JPgf7izzLN/Bc4vdR+qRBaxOS0l5DDhq5Oo
        QvirXrr0SsBrCrfiOf+KtA/v3qGwCZ6kjSnod5ouK0skCkID35x7lbYCkS5zMV0e
        hqDh6y94k8PDHF9t4XslhOyoW+5pGzh7Ht1E5mQCHm7gffHXMHxLBkK5AoGAENdr
        LqQSerH1t+apDC6vUrkuPu3B+SuaTr0i20rKVj0lummS6+tDePF9Hvbsj0mLc81k
        dvOTJpu3XAS3N0P/fOPK89y64rWS43hph4OQUTEciszoc3JHAqssQsc3+R5T/Dmo
        xUuvshrH5Jh/dYDH4QO2V6Yk9UiOuKDi3OpU/bkCgYAI3UDT9mMWyR4BzYbm/Lou
        nvK/0s2Ml+lnxJ1yKYH1rUwo67Xb1w3u4O8h7Tsq4PmZTiQ9Sq88ExQWSwBKdvHs
        WvKRGn+BADThJfwjyXnjbXBUhVPY5epELndvKs//S+oxyIwEdCJbtT4bXgTHkesf
        iny4USRz3WpsPwKJ1HH91Q==
        -----END PRIVATE KEY-----
        """;

    public const string PlatformNextPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCdA8ADt05P9+zJ
        BQN+JxL82UB3fdE8zfYlbd1jMleKxUhhp7E4FPXBV+ZgKF9LQNcx4VEWnZbtM4Ll
        yVn4brTt56jsny9gZf5Eba2S5RmFp/xqgI6SdUfWSoxcekuxc4qU/NU5dmjjCV3o
        x9mB0rooPCyaje2DHBSH0GawrLzfjmYWPE99hMaISAWnwfeDahzCAawvIsHODf3x
        iFJ8AKtWNq3gJLdPtRWDCmsaYy2I/GQlwvJSvjN2UxsBpOfp9QuOK7TutbU5HHni
        WuXeb5eHI6cnTfJFc8Puui36px5CEoU9C87HgFVfCq2Tr4GmFT3yER6eJvq5AqzR
        S7W1JjQfAgMBAAECggEAAPTgVNjbqHHRgco+3NKwJbpoT1T1RYkPIv9EosfQSxxk
        DlviEV8USZg0keQ3QUDKvGbUcRMtlJ2423ijklSYgnXcNxBV3iych944dWEMQhMW
        Bb+nchhlBxT0H3/NWrQUoZUIbthh7r6T8JhcyYsf0ZmwfWPD7jgb1Q/sN795xmyh
        mI6pJ2LHKUKsUGoygzh+kMe7kYT8gnpN+A8FrEcVFC4I2USoOVzGbpEW/HsjWMoi
        +2o3VpD8KmV7dZ6Uy+Ia6tee1RrgoImsm2XcBRUFCsmzo+mWgBFFfbFX+r933u+6
        YFcBYUrt6gPI4c7apcLL5sQ1MQ/E3oYH+jioY7rUoQKBgQDNtvUlvK/8apOqvDG4
        +SQkL/Z0YiUjEFfZEhnJvG7BAU+og20dR5EgcAFeIWDCcxFsyWzym2bPDiJ3Yem7
        yNuo0oZlZREdnCQQLyeSfY+MWfdNhIuBeHd2Bt5v00RRCTT2tSR/D/SEkuUxaXcB
        6UtRVY+uCj3cLZhtcUb11ow2vwKBgQDDZUhM5sDzUmXoRABh7Rl8rv9ij1fQnJr0
        7fOge++Dpp7M/vQ38kNGPNqvk2rtFHEpBRWtw4zIaVkxzkddfpxiY0hzFgaw9KY6
        cFgK+Jub90YDv/3MBandPBEw76fFH2W3SlP3++WV6+dRHdkJ6vsLy4YypZQKc3Go
        0zDNzg+6oQKBgG8ofr0+gUX+/P4UJTYTgiD/vcfTxMd2rFGCg2bMKHioUbf4FHzu
        0A/cFhEcLiHEddT33qQVru8RbzRdNySee3t1DuQ5QY9jcOVB5bs1l9y6PHSpu4xh
        YQPo4EdCvLahJ/prlWYHZBRDIA+cMo9Y1bcEadgcdqLEDIqO3E44+ZkXAoGAa5kF
        dFuJmzQfrARuVX6UD2XqemLHD7h9WC0EgLZe0ZdaUTaAU6KTy0TNg+vg8MbV/amw
        I2zQxLfGhze5ctG62i8kAUP60U0XkIy23uvB/OPw6TW7U7M2s/5U1SbTsyg0Affr
        P162MZWjXrbaAq0kK32a2570Y8DosPgDIwG7BaECgYAQoZsDClh7v9LlVfCERqEU
        FXCzw/MKj7DjV9lNBDfBMFpqSeqazHsDMmMH8O12slnORg0ZXKSmD+/zhOOAJkiN
        lzZUFazZbsFc6ZP0/J87GOyQR17DSk0EEFfxXlA54LxipoMwx+ulEnCFtAIlPtOp
        uPA+azPwCgjt6XAI6OH9rA==
        -----END PRIVATE KEY-----
        """;

    public const string ToolPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDGpW6U+PwoRsWf
        o+PVHc0WD+QwmJV6swblrwpDQ0DB6S7UL09K8XX01LQ362QTIpYEi32riUobggg6
        2hLRbbql9FVWVOmkSNL8Y7WoHKRDD+DKkW6dmbWXAuAawvS6CDueyxTolKf66K+S
        4tQ5RyOmLHFrrpYIi/gqxYX/w749P3guLRO58W6pManHD/sfv/hr/ga+sskhIVxu
        ArkLuZ3i/7GXtjDSr4E+Gt9pUpAGaEF/c4q4lQHX+tky/+R+yrjOXJdy3CCbHuZ+
        z25DEsdkRZwC2tYpngm1OvLUNugoFdLSrydm7sOTvcZV6kSL2syFzs8Cux7pihfV
        IvAeOEq/AgMBAAECggEAEysbhJySGIDbyQ/TiFkb1SkrZ9URd4mW/MrrPppawVty
        /V6jVCQAseNkkJDSU1ZfC4k6UzcoQ4dErAknD7Z68FCne3EuKoAse9ZTTSmWYDJE
        CsgF2IdgknXgkjSF0P3CYwxNtDPEEd4qMw5YVD6dHgfj2fQ63hBDnjz5NTj6PoaZ
        gkuioASTCY7oVd0ZFxny3bk+1SajN/P9OjDdsYo8+qwKyllierofk+ZxRTr7/ZNE
        BVsHAxTcXYivj27QRf9OO0mlUKVJj4AMN/iI04+U4oJL0Wq5DiHlnXG0Rf548j5G
        TtJdqa9O9/DajCT2SgP9pSAI5VeTOIKBzWAj3yDQgQKBgQD/aJxQRc7dbEI07wvN
        2NI2hkvjBS1QdWingODM4k2H1a4H8pCfJ+SAbN/2Jj9VRTmmoPv26XcCLTas7jiF
        Nvw5PGrYn36S4nvFkXSPz5b1OFpGl7yYaJ4lhUdmeY/R40V+GsB4S15X4rqEwATa
        J9nzz0Z/vt4+3m4i2R6oYpff7wKBgQDHGy0kyId7xyOE18vevIYMEjhZ3zCb3XbB
        oUSUI+tq3Nzba6g1CvNj/nyaviBLu95jd1xcBbC5IjkJc1EEu5k3aNIlZFfMB5co
        X/dBDum/oLLj7BFZaHhfRnx3J4kslc6HCDgD9AQB0wYR8JfBi+fslZgYpDAUqjWb
        7n+da3JyMQKBgA36qMuP9pGR8lG5X7kFjAPl99NWHjPQKUk5uZQdMscjf+H5ecbs
        RQpuaxeq4j6FinE/UGskPhpFZT+zzi4kY0uyrdpraF8bvFCE9I9GemmziuVgOrdQ
        yo8dK1pFfwSq3svXJP+wiFphE3pelCVolvpMNvyY8ssYG4kWvyHSO6PLAoGAUSWc
        Un9/6EyTB1ND/bVsFINggBBcqUmrWuM1JgM1sUnuoWbRGT0rUTeo5RBT7UnWK0e8
        VqzjB7EQ+e8LuBgVK+YGr8Kjnb4CNyxVgyhmz/jYr9fIgl33oS0DETUFzSwJDjOl
        UMck0vGEac9aqkEw9tVJNdHE3sc4LiMX07q03CECgYEAkcZLd8E4Uan0XxK7Q+Kg
        7MBWq+SDVGCMWlRVAiFCZQpQg8J4invJMRzFw+LKNiGZegdjOt6fbgUqdlhS4OwF
        2PbVnU5GXAm2Ch6GLGlnjWDhRI4tIuVg59hfHIfnxv9f6wB/PWjnzQBluYt1yJFI
        XCOXCwTnb/GlX+yzEdlJz40=
        -----END PRIVATE KEY-----
        """;

    public const string ToolNextPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4J97fiUCnLyT6
        vtF3BR5IrU34LObxN24kLBuVA6yngh4OqnPlwY88Aj1nWvxcfL/W0aAyWwWHrqVh
        9olt3C3HgT0gJCe4o0qkF+4cQQ2DYmeEnMP1MVsmuj0bqwA6yDj+/mp3/7vDgVR1
        vP1Vlir/Q/dxJpy6L3XXho8CuBl/E7iN/BP7fbe/9WN3XBxdpHx9pMEHjCVayYht
        8BTot5OnfSkjw5WLApBvqJTsgeB1qimWqwqrvMH3ht5xSs5ZmX3a0iQgreKgfPjc
        ixr4/boQiM0Rs6XAI8f6L3ON+bQYSeZRRIezvxsZMI4Vlnd1JHnX5lRmsz5P5AHx
        7fecge3pAgMBAAECggEAAf2RVcR1pdD3QvwSxsjwALxZ0EXI+cC+AKdW5XuQj09z
        XHh4b/pxfkYubHpx6ZyCFNP3ea/c7ZBkUnygE+dKOeKyWtF1OfRO41rsXJMR7rJ+
        uLLaleECkZa4AB9vLVN6dTwiAbnKiWSRmYOxT85jmNZ+21Ld5Q/MA+g9DbwYb3SO
        CK39vTF2TFY55LcMdfZ0iFCgBW9aZTArSFvTv0fJzkh4L8tA+A4MvEciyzGRBz7U
        ZPnoEdyw/mR/nKG/w00Gichbr1ip/Vfnuzyx17JOPC/KSQmJ1DfjcIL/WjZAqr0T
        ozsPZoAMMOCXRXUOTze8iiiOetF0MFjw5qYVAoRtwQKBgQDo5G2IOoeqKggoc1Yp
        JN3mbhXAdDSRaY4UgzkAVF3We5f/cFxyyPVX2JdeuQRJY7HGtTkmTdfYPfCE7d2y
        mfrIuNzDvpv23Cuz3XoGbGz4b3wHUAGHTm1wdcws9aVZckYTBwV6xku4kX4GepyT
        e9qUJHxmQUvTtuDaPVRynQ3iQQKBgQDKbYMCw+pEDC7Ufg8C+7sosAylCB3cqEDW
        ytP0D4bWIHUB2kYb6mKVwXELcB6CZ0O7FbzdLWstLy10WD7AwBpcewiWSrl8GDK0
        eqTQpaDoezrzQ4s6OUG8hEZp4/Ur5ZOoiOvWj8dt8OVL6dJbfsK8CxtHI3xIvnWr
        2gJ9x4FRqQKBgF23LexXwSfUahv87Xr4/uIvAknDeTPaifXvKAzd5jTc3zlG+aym
        +TM0URUo1nTBzVPssOadBHJb2mFjZobsN2J2IUATf6dCycNDKEtVbjQ6iGpY44ST
        Jq7OeC7PWo430cLuXGIfUXEf+tqYlFE00awzUmvDcsPrH2gyrbzBPkkBAoGAOBkV
        P4TvvR/rMnQk0NzWRzZSqsGPFQGDxoK7Ll3HLjwccQD+gOn5nCrZmyPdMKJRgN1L
        U7gshX8Xh7CU43HZXFu0S4I12RATrTR3zGK6LvNHqPbE9MO9VfMKWHoWDa43t3MK
        eJGr4OnrgZgw9a4xZU9mpdZNsRMnJRLrsdPCINECgYEA1f1k2appE2TJBlruEoU8
        Ud/QeJT5sA3L7TRS1U89yd06a5Ldub0J0gNivw1TAA4f6RoMGEAM5yjC7guBUhnI
        YKB81AHmztuGoIK5mNecDROaU3nQPkMwENVsW6dMSJhkKygH6Rr/0MUzsHwhb9e+
        tWyE9N9sIFX1f4iVCo8AmDY=
        -----END PRIVATE KEY-----
        """;

    public const string PlatformEcPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfiC47yObzMLc2j9/
        rCQGaOM8oripnhPH1iPSunRCfeGhRANCAAQqAhwOurr1IMSWpDRx0iZ5IXb5z7HO
        W2xxWE3qJ0dOWZ8nqNY3MbTsSkPEI1/0th7cvvIlw7QF4DIxBhwAppDY
        -----END PRIVATE KEY-----
        """;

}
