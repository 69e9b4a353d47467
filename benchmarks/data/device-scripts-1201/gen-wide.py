import subprocess, sys, os, itertools, json, re
W='/work/main/build/bin/walsh'
env=dict(os.environ, WALSH_CACHE_DIR='none', WALSH_CUDA_BIN='none')
def fact(d):
    k=0
    while d%2==0: d//=2; k+=1
    return d,k
sizes=[int(x) for x in sys.argv[1].split(',')]
out=sys.argv[2]; os.makedirs(out,exist_ok=True)
emax=int(sys.argv[3]) if len(sys.argv)>3 else 128
res=[]
for d in sizes:
    m,k=fact(d); p=1<<k
    if m==3: m,k=12,k-2; p=1<<k
    cands=[]
    for v in (1,2,4,8):
        if v>p: continue
        ch=1
        while ch*v<=p:
            e=m*ch*v; t=p//(ch*v)
            if 64<e<=emax and t>=2:
                for cw in ('shared','transpose'):
                    if cw=='transpose' and ch<2: continue
                    for bt in (64,128):
                        r=max(1,bt//t)
                        for K in (1,4):
                            cands.append((e,t,v,cw,r,K))
            ch*=2
    for (e,t,v,cw,r,K) in cands:
        args=['--elems-per-thread',str(e),'--threads-per-row',str(t),'--vector-width',str(v),'--cross-warp',cw,'--rows-per-block',str(r),'--row-iters',str(K)]
        tmp=f'/tmp/ex/tmpc'; subprocess.run(['rm','-rf',tmp]); os.makedirs(tmp)
        pr=subprocess.run([W,'compile','--target','cuda','--dtype','bf16','--d',str(d),'--rows','65536','--out',tmp]+args,env=env,capture_output=True,text=True)
        if pr.returncode!=0:
            print(d,args,'ERR',pr.stderr.strip()[:100]); continue
        ptx=[f for f in os.listdir(tmp) if f.endswith('.ptx')][0]
        pv=subprocess.run(['ptxas','-arch=sm_90','-O3','-v',f'{tmp}/{ptx}','-o',f'{tmp}/{ptx[:-4]}.cubin'],capture_output=True,text=True)
        regs=re.search(r'Used (\d+) registers',pv.stderr); sp=re.search(r'(\d+) bytes spill stores',pv.stderr)
        regs=int(regs.group(1)) if regs else -1; sp=int(sp.group(1)) if sp else -1
        print(d,' '.join(args),'regs',regs,'spill',sp,flush=True)
        if sp==0 and pv.returncode==0:
            os.remove(f'{tmp}/{ptx}')
            for f in os.listdir(tmp): os.rename(f'{tmp}/{f}',f'{out}/{f}')
