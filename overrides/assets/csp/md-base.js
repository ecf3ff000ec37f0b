// Material for MkDocs 9.8.2 inline script, moved to a file so a CSP without 'unsafe-inline' scripts works.
// The scope (site root) comes from the data-md-scope attribute, as Material writes it into the inline script.
var __md_scope_attr=(document.currentScript&&document.currentScript.getAttribute("data-md-scope"))||".";
__md_scope=new URL(__md_scope_attr,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
